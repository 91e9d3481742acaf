/* Fuzz the feed parser (XML feeds; seeds in fuzz/corpus/feed_xml). */
#include "feed_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_feed_bytes(data, size);
  return 0;
}
