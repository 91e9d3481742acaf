/* Fuzz the story analyzer (sentences, quotes, speakers, summary) on text
 * articles: offsets must stay inside the text and summaries trimmable. */
#include <stddef.h>
#include <stdint.h>
#include "briefcast/story.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  bc_article *a = NULL;
  bc_diag d;
  if (bc_article_from_text((const char *)data, size, "story.txt", &a, &d)) return 0;
  bc_story *s = NULL;
  bc_story_options o = {.max_quotes = size ? data[0] % 6 : 0};
  if (bc_story_analyze(a, &o, &s) == BC_OK) {
    for (size_t i = 0; i < s->n_sentences; i++)
      if (s->sentences[i].start > s->sentences[i].end || s->sentences[i].end > a->text_len)
        __builtin_trap();
    for (size_t i = 0; i < s->n_quotes; i++)
      if (s->quotes[i].start > s->quotes[i].end || s->quotes[i].end > a->text_len)
        __builtin_trap();
    char *json = NULL;
    if (bc_story_to_json(s, &json) == BC_OK) bc_free(json);
    (void)bc_story_estimate_seconds(s, 0);
    int guard = 0;
    while (bc_story_trim(s) && ++guard < 100000) {
    }
    if (guard >= 100000) __builtin_trap(); /* trim must come to an end */
  }
  bc_story_free(s);
  bc_article_free(a);
  return 0;
}
