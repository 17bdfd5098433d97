// libxml2 for Swift. The #undef keeps Debian's libxml2 headers from pulling in
// the system ICU headers, which clash with the ICU that Foundation loads and
// break a clean `swift test` ("'UErrorCode' has different definitions").
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/entities.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

// xmlFree is a mutable C global that Swift 6 refuses to touch; call it here.
static inline void clibxml2_free(void *p) { xmlFree(p); }
