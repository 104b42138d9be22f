// libxml2's parser, for the tests that check every generated HTML page is well-formed XML.
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
