/* xmlns.h: namespaces of the archival XML (render_xml.c, load_xml.c). */
#ifndef CO_XMLNS_H
#define CO_XMLNS_H

#define CO_XML_NS	"urn:closeout:report:1"
#define CO_DCTERMS_NS	"http://purl.org/dc/terms/"
#define CO_XSD_FILE	"schemas/closeout-report-1.xsd"

#endif
