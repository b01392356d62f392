/* xmlns.h: namespaces of the archival XML (render_xml.c, load_xml.c). */
#ifndef CO_XMLNS_H
#define CO_XMLNS_H

/* Format 2, which closeout writes; format 1 is still read. */
#define CO_XML_NS	"urn:closeout:report:2"
#define CO_XML_NS_1	"urn:closeout:report:1"
#define CO_DCTERMS_NS	"http://purl.org/dc/terms/"
#define CO_XSD_FILE	"schemas/closeout-report-2.xsd"
#define CO_XSD_FILE_1	"schemas/closeout-report-1.xsd"

#endif
