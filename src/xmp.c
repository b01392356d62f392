/*
 * xmp.c: the XMP packet of the PDF (ISO 16684-1): Dublin Core, XMP basic
 * and Adobe PDF properties matching the information dictionary, the PDF/A
 * identification, and the PDF/UA one with the extension schema that PDF/A
 * requires for a namespace of its own (ISO 19005-1, 6.7.8).
 */
#include <glib.h>

#include "xmp.h"

static void
escaped(GString *out, const char *s)
{
	char	*e = g_markup_escape_text(s, -1);

	g_string_append(out, e);
	g_free(e);
}

/* A text in a language alternative: dc:title, dc:description. */
static void
alt(GString *out, const char *name, const char *value)
{
	if (value == NULL)
		return;
	g_string_append_printf(out, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", name);
	escaped(out, value);
	g_string_append_printf(out, "</rdf:li></rdf:Alt></%s>\n", name);
}

static void
simple(GString *out, const char *name, const char *value)
{
	if (value == NULL)
		return;
	g_string_append_printf(out, "   <%s>", name);
	escaped(out, value);
	g_string_append_printf(out, "</%s>\n", name);
}

char *
xmp_packet(const struct xmp_info *x)
{
	GString	*out = g_string_new(NULL);

	g_string_append(out, "<?xpacket begin=\"\xef\xbb\xbf\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n");

	g_string_append(out, "  <rdf:Description rdf:about=\"\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "   <dc:format>application/pdf</dc:format>\n");
	alt(out, "dc:title", x->title);
	if (x->author != NULL) {
		/* One entry: the information dictionary's /Author, as PDF/A matches them. */
		g_string_append(out, "   <dc:creator><rdf:Seq><rdf:li>");
		escaped(out, x->author);
		g_string_append(out, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	alt(out, "dc:description", x->subject);
	if (x->lang != NULL) {
		g_string_append(out, "   <dc:language><rdf:Bag><rdf:li>");
		escaped(out, x->lang);
		g_string_append(out, "</rdf:li></rdf:Bag></dc:language>\n");
	}
	g_string_append(out, "  </rdf:Description>\n");

	g_string_append(out, "  <rdf:Description rdf:about=\"\" "
	    "xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
	simple(out, "xmp:CreatorTool", x->creator);
	simple(out, "xmp:CreateDate", x->date);
	simple(out, "xmp:ModifyDate", x->date);
	simple(out, "xmp:MetadataDate", x->date);
	g_string_append(out, "  </rdf:Description>\n");

	g_string_append(out, "  <rdf:Description rdf:about=\"\" "
	    "xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n");
	simple(out, "pdf:Producer", x->producer);
	simple(out, "pdf:Keywords", x->keywords);
	g_string_append(out, "  </rdf:Description>\n");

	if (x->pdfa_part > 0)
		g_string_append_printf(out, "  <rdf:Description rdf:about=\"\" "
		    "xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
		    "   <pdfaid:part>%d</pdfaid:part>\n"
		    "   <pdfaid:conformance>B</pdfaid:conformance>\n"
		    "  </rdf:Description>\n", x->pdfa_part);
	if (x->pdfua) {
		g_string_append(out, "  <rdf:Description rdf:about=\"\" "
		    "xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
		    "   <pdfuaid:part>1</pdfuaid:part>\n"
		    "  </rdf:Description>\n");
		/* PDF/A admits a property of a schema of its own only when it is described. */
		if (x->pdfa_part > 0)
			g_string_append(out, "  <rdf:Description rdf:about=\"\"\n"
			    "    xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
			    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
			    "    xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
			    "   <pdfaExtension:schemas>\n"
			    "    <rdf:Bag>\n"
			    "     <rdf:li rdf:parseType=\"Resource\">\n"
			    "      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>\n"
			    "      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>\n"
			    "      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>\n"
			    "      <pdfaSchema:property>\n"
			    "       <rdf:Seq>\n"
			    "        <rdf:li rdf:parseType=\"Resource\">\n"
			    "         <pdfaProperty:name>part</pdfaProperty:name>\n"
			    "         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>\n"
			    "         <pdfaProperty:category>internal</pdfaProperty:category>\n"
			    "         <pdfaProperty:description>Indicates, which part of ISO 14289 "
			    "standard is followed</pdfaProperty:description>\n"
			    "        </rdf:li>\n"
			    "       </rdf:Seq>\n"
			    "      </pdfaSchema:property>\n"
			    "     </rdf:li>\n"
			    "    </rdf:Bag>\n"
			    "   </pdfaExtension:schemas>\n"
			    "  </rdf:Description>\n");
	}
	g_string_append(out, " </rdf:RDF>\n</x:xmpmeta>\n");
	/* Room to edit it in place, as XMP writers leave. */
	for (int i = 0; i < 20; i++)
		g_string_append(out, "                                                  \n");
	g_string_append(out, "<?xpacket end=\"w\"?>");
	return g_string_free(out, FALSE);
}
