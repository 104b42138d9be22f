// libxml2's parser, for the tests that check every generated HTML page is well-formed XML.
// Debian builds libxml2 with ICU, so its encoding.h would include the system's ICU headers,
// whose UErrorCode clashes with Foundation's bundled ICU module in the same build. The parser
// API used here needs no ICU types: hide them.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
