/* Sentence splitting for news text.
 *
 * In: the article text and its blocks.  Out: sentence boundaries (byte
 * offsets), never crossing a block.  A boundary is a run of terminators
 * (. ! ? and the ellipsis), then any closing quotes or brackets, then space,
 * then something that can start a sentence (a capital, a digit, an opening
 * quote).  The period after a title ("Sen.", "Dr.", "St.") never ends a
 * sentence; after other abbreviations ("Inc.", "U.S.", "p.m.") it does only
 * when the next word is a usual sentence opener; an initial ("John F.
 * Kennedy") never does.  Datelines stay inside the first sentence and are
 * skipped when the sentence is read (sentence_skip_dateline). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "story_impl.h"
#include "util.h"

/* ---------------------------------------------------------------- chars */

int32_t story_cp_at(const char *s, size_t len, size_t i, size_t *adv) {
  if (i < len && (unsigned char)s[i] < 0x80) { /* ASCII: most of any text */
    if (adv) *adv = 1;
    return (unsigned char)s[i];
  }
  int32_t cp = 0;
  size_t k = (i < len) ? utf8_decode(s + i, len - i, &cp) : 0;
  if (adv) *adv = k ? k : 1;
  return i < len ? cp : 0;
}

int32_t story_cp_before(const char *s, size_t i, size_t *back) {
  size_t k = 0;
  int32_t cp = 0;
  if (i == 0) {
    if (back) *back = 0;
    return 0;
  }
  do {
    k++;
  } while (k < 4 && k < i && ((unsigned char)s[i - k] & 0xC0) == 0x80);
  utf8_decode(s + i - k, k, &cp);
  if (back) *back = k;
  return cp;
}

int story_is_space_at(const char *s, size_t len, size_t i, size_t *adv) {
  int32_t c = story_cp_at(s, len, i, adv);
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x2009 ||
         c == 0x202F || c == 0x200A || c == 0x3000;
}

int story_is_upper(int32_t c) {
  if (c < 128) return c >= 'A' && c <= 'Z';
  utf8proc_category_t k = utf8proc_category(c);
  return k == UTF8PROC_CATEGORY_LU || k == UTF8PROC_CATEGORY_LT;
}

int story_is_lower(int32_t c) {
  if (c < 128) return c >= 'a' && c <= 'z';
  return utf8proc_category(c) == UTF8PROC_CATEGORY_LL;
}

int story_is_alpha(int32_t c) {
  if (c < 128) return (c | 32) >= 'a' && (c | 32) <= 'z';
  utf8proc_category_t k = utf8proc_category(c);
  return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

int story_is_alnum(int32_t c) {
  return story_is_alpha(c) || (c >= '0' && c <= '9');
}

int story_is_open_quote(int32_t c) {
  return c == '"' || c == 0x201C || c == 0x201E || c == 0x00AB || c == 0x300C ||
         c == 0x300E || c == 0x2018 || c == '\'';
}

int story_is_close_quote(int32_t c) {
  return c == '"' || c == 0x201D || c == 0x00BB || c == 0x300D || c == 0x300F ||
         c == 0x2019 || c == '\'' || c == 0x201C;
}

/* ---------------------------------------------------------------- word sets */

size_t story_hash(const char *w) {
  size_t h = (size_t)14695981039346656037u; /* FNV-1a */
  for (; *w; w++) h = (h ^ (unsigned char)*w) * (size_t)1099511628211u;
  return h;
}

void story_words_build(story_words *ws, const char *const *const *lists, size_t n) {
  size_t total = 0;
  for (size_t k = 0; k < n; k++)
    for (const char *const *p = lists[k]; *p; p++) total++;
  ws->n_slot = 64;
  while (ws->n_slot < total * 2) ws->n_slot *= 2; /* at most half full */
  ws->word = xcalloc(ws->n_slot, sizeof *ws->word);
  ws->lists = xcalloc(ws->n_slot, sizeof *ws->lists);
  for (size_t k = 0; k < n && k < 32; k++)
    for (const char *const *p = lists[k]; *p; p++) {
      size_t h = story_hash(*p) & (ws->n_slot - 1);
      while (ws->word[h] && strcmp(ws->word[h], *p)) h = (h + 1) & (ws->n_slot - 1);
      ws->word[h] = *p;
      ws->lists[h] |= (uint32_t)1 << k;
    }
}

uint32_t story_words_find(const story_words *ws, const char *w) {
  size_t h = story_hash(w) & (ws->n_slot - 1);
  for (; ws->word[h]; h = (h + 1) & (ws->n_slot - 1))
    if (!strcmp(ws->word[h], w)) return ws->lists[h];
  return 0;
}

/* ---------------------------------------------------------------- words */

/* Abbreviations that precede a name or number and so never end a sentence
 * before a capital. */
static const char *const TITLE_ABBREV[] = {
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Sen", "Sens", "Rep", "Reps", "Gov", "Govs",
    "Lt", "Gen", "Col", "Sgt", "Capt", "Cpl", "Pvt", "Adm", "Cmdr", "Maj", "Rev", "Hon",
    "Pres", "Supt", "Det", "Insp", "St", "Ste", "Mt", "Ft", "No", "Nos", "Fr", "Sr", "Sra",
    "Atty", "Gens", "Brig", "Lieut", "Cdr", "Sec", "Amb", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "v", "Vol", "Art", "Fig", "Op",
    "approx", "Ald", "Assemb", "Del", "Sup", "Ave", NULL};

/* Abbreviations that may also end a sentence. */
static const char *const END_ABBREV[] = {
    "Inc", "Ltd", "Co", "Corp", "Jr", "Bros", "etc", "Ph.D", "U.S", "U.K", "U.N", "E.U",
    "a.m", "p.m", "A.M", "P.M", "D.C", "L.A", "N.Y", "U.S.A", "Blvd", "Rd", "Ave", "Sq",
    "Esq", "plc", "LLC", "Dept", "Univ", "e.g", "i.e", NULL};

/* Words that commonly open a sentence: after an abbreviation that can end one,
 * these say it did. */
static const char *const OPENERS[] = {
    "The", "He", "She", "It", "They", "We", "I", "But", "And", "In", "A", "An", "This",
    "That", "His", "Her", "Their", "Its", "Our", "There", "Then", "When", "While",
    "After", "Before", "If", "As", "At", "On", "For", "So", "Yet", "Now", "Police",
    "According", "Officials", "Authorities", "However", "Meanwhile", "Last", "Earlier",
    "Later", "Some", "Many", "Most", "One", "Two", "Three", "These", "Those", "You",
    "What", "Why", "How", "Who", "Where", "Mr", "Mrs", "Ms", "Dr", NULL};

/* The lists above are looked up by hash for every word before a period
 * (story_words); others are scanned. */
static const char *const *const HASHED_LISTS[] = {TITLE_ABBREV, END_ABBREV, OPENERS};
#define N_HASHED_LISTS (sizeof HASHED_LISTS / sizeof *HASHED_LISTS)
static story_words listed_words;
static pthread_once_t listed_once = PTHREAD_ONCE_INIT;

static void listed_build(void) { story_words_build(&listed_words, HASHED_LISTS, N_HASHED_LISTS); }

static int word_in(const char *w, size_t n, const char *const *list) {
  for (size_t k = 0; k < N_HASHED_LISTS; k++)
    if (HASHED_LISTS[k] == list) {
      char buf[32]; /* longer than any listed word */
      if (n >= sizeof buf || memchr(w, 0, n)) return 0;
      memcpy(buf, w, n);
      buf[n] = 0;
      pthread_once(&listed_once, listed_build);
      return (story_words_find(&listed_words, buf) >> k) & 1;
    }
  for (; *list; list++)
    if (strlen(*list) == n && strncmp(*list, w, n) == 0) return 1;
  return 0;
}

int sentence_is_title_abbrev(const char *w, size_t n) { return word_in(w, n, TITLE_ABBREV); }

/* The word ending just before offset i (letters, digits, dots, hyphens,
 * apostrophes); sets *ws to its start. */
static size_t word_before(const char *t, size_t lo, size_t i, size_t *ws) {
  size_t j = i;
  while (j > lo) {
    size_t b;
    int32_t c = story_cp_before(t, j, &b);
    if (!(story_is_alnum(c) || c == '.' || c == '-' || c == '\'' || c == 0x2019)) break;
    j -= b;
  }
  /* drop leading punctuation such as "(" already excluded; strip leading dots */
  while (j < i && (t[j] == '.' || t[j] == '-' || t[j] == '\'')) j++;
  *ws = j;
  return i - j;
}

static size_t word_after(const char *t, size_t len, size_t i, size_t *we) {
  size_t j = i, adv;
  while (j < len) {
    int32_t c = story_cp_at(t, len, j, &adv);
    if (!story_is_alnum(c)) break;
    j += adv;
  }
  *we = j;
  return j - i;
}

/* Decide whether the period at t[dot] (a single '.') ends a sentence whose
 * next non-space text starts at nx. */
static int period_ends(const char *t, size_t lo, size_t len, size_t dot, size_t nx) {
  size_t ws;
  size_t wn = word_before(t, lo, dot, &ws);
  if (wn == 0) return 1;
  size_t we;
  size_t nn = word_after(t, len, nx, &we);
  int32_t nc = story_cp_at(t, len, nx, NULL);
  /* one letter: an initial ("John F. Kennedy", "J.K. Rowling") */
  if (wn == 1 && story_is_upper((unsigned char)t[ws])) return 0;
  if (word_in(t + ws, wn, TITLE_ABBREV)) {
    /* "No. 1", "Jan. 5", "Sen. Paul": not an end.  A month or "No" before a
     * word that opens sentences may still end one, but rarely: keep going. */
    return 0;
  }
  int has_inner_dot = memchr(t + ws, '.', wn) != NULL;
  if (word_in(t + ws, wn, END_ABBREV) || has_inner_dot) {
    if (nc >= '0' && nc <= '9') return 0;
    if (nn && word_in(t + nx, nn, OPENERS)) return 1;
    if (story_is_open_quote(nc)) return 1;
    return 0;
  }
  return 1;
}

/* Can the text at i start a sentence? */
static int can_start(const char *t, size_t len, size_t i) {
  size_t adv;
  int32_t c = story_cp_at(t, len, i, &adv);
  if (story_is_upper(c) || (c >= '0' && c <= '9')) return 1;
  if (story_is_open_quote(c) || c == '(' || c == '[' || c == 0x2014 || c == 0x2013 ||
      c == '-' || c == 0x00BF || c == 0x00A1)
    return 1;
  if (story_is_alpha(c) && !story_is_lower(c)) return 1; /* scripts without case */
  return 0;
}

/* After a quote that ends with its own terminator ("...this?" Clinton said),
 * does an attribution follow?  Then the sentence goes on. */
static int attribution_follows(const char *t, size_t len, size_t i) {
  for (int w = 0; w < 7 && i < len; w++) {
    size_t ws = i, adv;
    while (i < len) {
      int32_t c = story_cp_at(t, len, i, &adv);
      if (!(story_is_alnum(c) || c == '.' || c == '-' || c == '\'' || c == 0x2019)) break;
      i += adv;
    }
    if (i == ws) return 0;
    size_t n = i - ws;
    while (n > 1 && t[ws + n - 1] == '.') n--;
    if (story_is_speech_verb(t + ws, n)) return w > 0 || 1;
    int32_t c0 = story_cp_at(t, len, ws, NULL);
    int pron = (n == 2 && (!strncmp(t + ws, "he", 2) || !strncmp(t + ws, "He", 2) || !strncmp(t + ws, "we", 2))) ||
               (n == 3 && (!strncmp(t + ws, "she", 3) || !strncmp(t + ws, "She", 3))) ||
               (n == 4 && !strncmp(t + ws, "they", 4)) || (n == 1 && t[ws] == 'I');
    if (!(story_is_upper(c0) || pron || (w > 0 && n <= 3 && story_is_lower(c0)))) return 0;
    while (i < len && (t[i] == ' ' || t[i] == ',')) i++;
  }
  return 0;
}

static void push(bc_sentence **out, size_t *n, size_t *cap, size_t s, size_t e, size_t b) {
  BC_GROW(*out, *n, *cap);
  (*out)[*n].start = s;
  (*out)[*n].end = e;
  (*out)[*n].block = b;
  (*n)++;
}

static void split_block(const char *t, size_t bs, size_t be, size_t bi, bc_sentence **out,
                        size_t *n, size_t *cap) {
  size_t i = bs, adv;
  /* skip leading space */
  while (i < be && story_is_space_at(t, be, i, &adv)) i += adv;
  size_t start = i;
  while (i < be) {
    int32_t c = story_cp_at(t, be, i, &adv);
    int term = c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 ||
               c == 0xFF01 || c == 0xFF1F;
    if (!term) {
      i += adv;
      continue;
    }
    size_t first = i;
    int ndots = 0, other = 0, cjk = c >= 0x3000;
    while (i < be) {
      int32_t d = story_cp_at(t, be, i, &adv);
      if (d == '.') ndots++;
      else if (d == '!' || d == '?' || d == 0x2026 || d == 0x3002 || d == 0xFF01 || d == 0xFF1F)
        other++;
      else break;
      i += adv;
    }
    /* closing quotes and brackets */
    size_t before_close = i;
    while (i < be) {
      int32_t d = story_cp_at(t, be, i, &adv);
      if (d == '"' || d == 0x201D || d == 0x2019 || d == '\'' || d == ')' || d == ']' ||
          d == 0x00BB || d == 0x300D || d == 0x300F)
        i += adv;
      else break;
    }
    size_t end = i;
    /* must be followed by space or the end of the block (CJK needs no space) */
    size_t j = i;
    int sp = 0;
    while (j < be && story_is_space_at(t, be, j, &adv)) {
      j += adv;
      sp = 1;
    }
    if (j >= be) break;
    if (!sp && !cjk) continue;
    if (!can_start(t, be, j)) continue;
    if (ndots == 1 && other == 0 && !period_ends(t, bs, be, first, j)) continue;
    if (i > before_close && attribution_follows(t, be, j)) continue;
    if (end > start) push(out, n, cap, start, end, bi);
    start = j;
    i = j;
  }
  /* the tail */
  size_t e = be;
  while (e > start) {
    size_t b;
    int32_t c = story_cp_before(t, e, &b);
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0)) break;
    e -= b;
  }
  if (e > start) push(out, n, cap, start, e, bi);
}

void sentence_split(const char *text, const bc_block *blocks, size_t n_blocks,
                    bc_sentence **out, size_t *n) {
  size_t cap = 0;
  *out = NULL;
  *n = 0;
  for (size_t b = 0; b < n_blocks; b++) split_block(text, blocks[b].start, blocks[b].end, b, out, n, &cap);
}

/* ---------------------------------------------------------------- datelines */

/* Agency credits that follow a dateline. */
static const char *const AGENCIES[] = {"CNN", "AP", "Reuters", "AFP", "UPI", "Bloomberg", "EFE",
                                       "dpa", "BBC", "CNN Money", "CNNMoney", "The Conversation",
                                       "Xinhua", "ANSA", "TASS", "CBS", "NBC", "ABC", NULL};

/* Skip a dash separator (" -- ", " — ", " – ", " - ", ":") at i; returns the
 * new position or i when there is none. */
static size_t skip_dash(const char *t, size_t end, size_t i) {
  size_t j = i, adv;
  while (j < end && story_is_space_at(t, end, j, &adv)) j += adv;
  int32_t c = story_cp_at(t, end, j, &adv);
  if (c == 0x2014 || c == 0x2013 || c == '-' || c == ':') {
    j += adv;
    while (j < end && t[j] == '-') j++;
    size_t k = j;
    while (j < end && story_is_space_at(t, end, j, &adv)) j += adv;
    if (j > k || c == 0x2014 || c == 0x2013) return j;
  }
  return i;
}

size_t sentence_skip_dateline(const char *t, size_t start, size_t end) {
  size_t lim = start + 80 < end ? start + 80 : end;
  size_t adv;
  /* "Place (AGENCY)" with or without a space or dash after it */
  for (size_t i = start; i < lim; i++) {
    if (t[i] != '(') continue;
    size_t close = i + 1;
    while (close < lim && t[close] != ')' && t[close] != '(') close++;
    if (close >= lim || t[close] != ')') break;
    int agency = word_in(t + i + 1, close - i - 1, AGENCIES);
    /* everything before must look like a place: capitalised words and commas */
    int place = 1, words = 0;
    for (size_t k = start; k < i;) {
      int32_t c = story_cp_at(t, i, k, &adv);
      if (story_is_upper(c)) {
        words++;
        while (k < i && !story_is_space_at(t, i, k, &adv) && t[k] != ',') {
          story_cp_at(t, i, k, &adv);
          k += adv;
        }
      } else if (c == ',' || c == ' ' || c == '.' || c == 0xA0 || (c >= '0' && c <= '9')) {
        /* "LOS ANGELES, Sept. 28 (UPI)": a date may follow the place */
        k += adv;
      } else {
        place = 0;
        break;
      }
    }
    if (agency && place && words <= 6) {
      size_t j = close + 1;
      j = skip_dash(t, end, j);
      while (j < end && story_is_space_at(t, end, j, &adv)) j += adv;
      return j;
    }
    break;
  }
  /* "WASHINGTON --", "NEW YORK, N.Y. —", "LOS ANGELES, Calif. -" */
  size_t i = start;
  int caps = 0;
  while (i < lim) {
    int32_t c = story_cp_at(t, lim, i, &adv);
    if (story_is_upper(c)) caps++;
    else if (story_is_lower(c) || (c >= '0' && c <= '9')) {
      /* allow a mixed-case state after a comma: "Calif." */
      size_t k = i;
      while (k > start && t[k - 1] != ',' && t[k - 1] != ' ') k--;
      if (!(k > start + 1 && t[k - 1] == ' ' && t[k - 2] == ',')) return start;
    } else if (!(c == ' ' || c == ',' || c == '.' || c == '\'' || c == 0xA0)) {
      break;
    }
    i += adv;
  }
  if (caps < 3) return start;
  size_t j = skip_dash(t, end, i);
  if (j == i) return start;
  return j;
}
