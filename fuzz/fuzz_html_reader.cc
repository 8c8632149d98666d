// HTML input on arbitrary bytes: read_html_article on the bytes (charset sniffing, libxml2's
// parser, the extractor and the metadata reader), then the ArticleReader reading them as an
// .html file, its article run through the default pipeline and the renderers.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.h"
#include "html/html_article.h"

using namespace analyze;

namespace {

void write_seeds() {
  fuzz::write_seed("article.html",
                   "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bridge Reopens | Herald</title>"
                   "<meta property=\"og:title\" content=\"Bridge Reopens\"><script type=\"application/ld+json\">"
                   "{\"@graph\": [{\"@type\": \"NewsArticle\", \"datePublished\": \"2025-03-14\", \"author\": {\"name\": \"A\"}}]}"
                   "</script></head><body><nav><a href=\"/\">Home</a></nav><article><h1>Bridge Reopens</h1>"
                   "<p>The bridge in S&#227;o Vicente reopened on Friday, six months after a barge struck it.</p>"
                   "<p>Engineers replaced two girders &amp; rebuilt a pier.<br>Cyclists get a lane.</p>"
                   "<ul><li>Buses return Monday.</li><li>Ferries keep extra sailings.</li></ul></article>"
                   "<div class=\"comments\"><p>First!</p></div><footer>(c) Herald</footer></body></html>");
  fuzz::write_seed("latin1.html", "<meta charset=\"iso-8859-1\"><p>Caf\xE9 cr\xE8me, S\xE3o Paulo.</p>");
  fuzz::write_seed("broken.html", "<html><body><div><p>Open <b>bold <i>italic</div><!-- no end <script>var x = '<p>");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  return fuzz::initialize(write_seeds, fuzz::create_default_pipeline);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  (void)read_html_article(bytes);
  static const std::filesystem::path file = fuzz::scratch_dir() / "input.html";
  ReaderOptions options;
  options.max_article_bytes = 1 << 20;
  fuzz::read_and_run(file, bytes, options);
  return 0;
}
