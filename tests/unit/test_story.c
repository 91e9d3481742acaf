/* The story stage: which quotes an article holds, who said each of them, and
 * what the listener hears (lead, quotes with their attributions, length). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include "briefcast/briefcast.h"
#include "util.h"

/* An article whose paragraphs are separated by blank lines (no title). */
static bc_article *article_of(const char *text) {
  bc_article *a = xcalloc(1, sizeof *a);
  a->text = xstrdup(text);
  a->text_len = strlen(text);
  size_t cap = 0, i = 0;
  while (i < a->text_len) {
    while (i < a->text_len && a->text[i] == '\n') i++;
    if (i >= a->text_len) break;
    const char *end = strstr(a->text + i, "\n\n");
    size_t e = end ? (size_t)(end - a->text) : a->text_len;
    BC_GROW(a->blocks, a->n_blocks, cap);
    a->blocks[a->n_blocks++] = (bc_block){BC_BLOCK_PARAGRAPH, i, e};
    i = e;
  }
  return a;
}

static void article_free(bc_article *a) {
  free(a->text);
  free(a->blocks);
  free(a);
}

static bc_story *analyze(const bc_article *a) {
  bc_story *s = NULL;
  assert_int_equal(bc_story_analyze(a, NULL, &s), BC_OK);
  assert_non_null(s);
  return s;
}

/* The quote whose text starts with `prefix`, or NULL. */
static const bc_quote *quote_starting(const bc_story *s, const char *prefix) {
  for (size_t i = 0; i < s->n_quotes; i++)
    if (!strncmp(s->quotes[i].text, prefix, strlen(prefix))) return &s->quotes[i];
  return NULL;
}

static void expect_speaker(const bc_story *s, const char *prefix, const char *speaker) {
  const bc_quote *q = quote_starting(s, prefix);
  if (!q) fail_msg("no quote starting \"%s\"", prefix);
  if (!speaker) {
    assert_null(q->speaker);
    return;
  }
  if (!q->speaker || strcmp(q->speaker, speaker))
    fail_msg("\"%s\": speaker %s, expected %s", prefix, q->speaker ? q->speaker : "(none)", speaker);
}

/* One paragraph, one quote: the speaker found for it. */
static void expect_one(const char *text, const char *prefix, const char *speaker) {
  bc_article *a = article_of(text);
  bc_story *s = analyze(a);
  expect_speaker(s, prefix, speaker);
  bc_story_free(s);
  article_free(a);
}

/* ------------------------------------------------------------------ quotes */

static void test_straight_and_curly_marks(void **state) {
  (void)state;
  bc_article *a = article_of("\"We will rebuild the bridge this year,\" Mayor Ann Cole said.\n\n"
                             "\xE2\x80\x9CThe money is already there,\xE2\x80\x9D Cole said.");
  bc_story *s = analyze(a);
  assert_int_equal(s->n_quotes, 2);
  assert_string_equal(s->quotes[0].text, "We will rebuild the bridge this year,");
  assert_string_equal(s->quotes[1].text, "The money is already there,");
  /* offsets are bytes of the quoted words, marks excluded */
  assert_memory_equal(a->text + s->quotes[1].start, "The money", 9);
  assert_int_equal(s->quotes[1].end - s->quotes[1].start, strlen("The money is already there,"));
  bc_story_free(s);
  article_free(a);
}

static void test_quote_split_by_attribution(void **state) {
  (void)state;
  bc_article *a = article_of("\"We agreed,\" Paul said, \"and we invited members of the committee to Washington.\"");
  bc_story *s = analyze(a);
  assert_int_equal(s->n_quotes, 2);
  expect_speaker(s, "We agreed", "Paul");
  expect_speaker(s, "and we invited", "Paul");
  bc_story_free(s);
  article_free(a);
}

static void test_multi_paragraph_quote(void **state) {
  (void)state;
  bc_article *a = article_of("Harbor master Dana Whitfield described the plan.\n\n"
                             "\"We will keep one pier open the whole time, so nobody loses a season.\n\n"
                             "\"The boats will still come in and the catch will still go out,\" Whitfield said.");
  bc_story *s = analyze(a);
  assert_int_equal(s->n_quotes, 2);
  /* the first paragraph has no closing mark: it runs to its end */
  assert_string_equal(s->quotes[0].text, "We will keep one pier open the whole time, so nobody loses a season.");
  expect_speaker(s, "We will keep", "Dana Whitfield");
  expect_speaker(s, "The boats", "Dana Whitfield");
  bc_story_free(s);
  article_free(a);
}

static void test_partial_quote(void **state) {
  (void)state;
  bc_article *a = article_of("Senior lawmaker Konstantin Kosachev, who was also in the room, reiterated the "
                             "position that \"there was no interference in 2016,\" adding that talks would go on.");
  bc_story *s = analyze(a);
  const bc_quote *q = quote_starting(s, "there was no interference");
  assert_non_null(q);
  assert_true(q->partial);
  assert_string_equal(q->speaker, "Konstantin Kosachev");
  bc_story_free(s);
  article_free(a);
}

static void test_nested_quote(void **state) {
  (void)state;
  bc_article *a = article_of("\xE2\x80\x9CHe told me, \xE2\x80\x98You are fired,\xE2\x80\x99 and walked out of the room,\xE2\x80\x9D "
                             "Maria Lopez said.");
  bc_story *s = analyze(a);
  assert_int_equal(s->n_quotes, 1);
  assert_string_equal(s->quotes[0].text,
                      "He told me, \xE2\x80\x98You are fired,\xE2\x80\x99 and walked out of the room,");
  expect_speaker(s, "He told me", "Maria Lopez");
  bc_story_free(s);
  article_free(a);
}

static void test_other_languages_marks(void **state) {
  (void)state;
  bc_article *a = article_of("\xC2\xAB Nous allons reconstruire le pont cette ann\xC3\xA9" "e \xC2\xBB, a dit le maire.\n\n"
                             "\xE2\x80\x9E" "Wir bauen die Br\xC3\xBC" "cke in diesem Jahr neu\xE2\x80\x9C, sagte Anna Weber.\n\n"
                             "\xE3\x80\x8C\xE6\xA9\x8B\xE3\x82\x92\xE4\xBB\x8A\xE5\xB9\xB4\xE5\x86\x8D\xE5\xBB\xBA\xE3\x81\x97\xE3\x81\xBE\xE3\x81\x99\xE3\x80\x8D");
  bc_story *s = analyze(a);
  assert_non_null(quote_starting(s, "Nous allons reconstruire le pont"));
  assert_non_null(quote_starting(s, "Wir bauen die"));
  bc_story_free(s);
  /* CJK: 「 」 delimit a quote even without spaces around it */
  {
    bc_article *b = article_of("\xE5\xB8\x82\xE9\x95\xB7\xE3\x81\xAF\xE3\x80\x8C\xE6\xA9\x8B\xE3\x82\x92 "
                               "\xE4\xBB\x8A\xE5\xB9\xB4 \xE5\x86\x8D\xE5\xBB\xBA \xE3\x81\x97\xE3\x81\xBE\xE3\x81\x99\xE3\x80\x8D\xE3\x81\xA8\xE8\xAA\x9E\xE3\x81\xA3\xE3\x81\x9F\xE3\x80\x82");
    bc_story *t = analyze(b);
    assert_int_equal(t->n_quotes, 1);
    assert_memory_equal(t->quotes[0].text, "\xE6\xA9\x8B", 3);
    bc_story_free(t);
    article_free(b);
  }
  article_free(a);
}

static void test_scare_quotes_and_titles_are_not_quotes(void **state) {
  (void)state;
  bc_article *a = article_of("Residents call the old pier the \"bridge to nowhere\" these days. "
                             "A local author wrote about it in her book \"The Long Winter on Commercial Street.\" "
                             "The show \"Dancing With the Stars\" was filmed there.");
  bc_story *s = analyze(a);
  assert_int_equal(s->n_quotes, 0);
  bc_story_free(s);
  article_free(a);
}

/* ---------------------------------------------------------------- speakers */

static void test_speaker_patterns(void **state) {
  (void)state;
  expect_one("\"The vote was never in doubt,\" Paul said.", "The vote", "Paul");
  expect_one("\"The vote was never in doubt,\" said Rand Paul.", "The vote", "Rand Paul");
  expect_one("\"The vote was never in doubt,\" Paul, a Kentucky Republican, said.", "The vote", "Paul");
  expect_one("\"The vote was never in doubt,\" according to Maria Lopez.", "The vote", "Maria Lopez");
  expect_one("Maria Lopez said: \"The vote was never in doubt.\"", "The vote", "Maria Lopez");
  expect_one("Maria Lopez added, \"the vote was never in doubt.\"", "the vote", "Maria Lopez");
  expect_one("\"The vote was never in doubt,\" Rep. Ann Lee (D-Ore.) told reporters.", "The vote", "Ann Lee");
  expect_one("\"The vote was never in doubt.\" \xE2\x80\x95 Carla Sanchez", "The vote", "Carla Sanchez");
  expect_one("Michael P. McDonald: \"The vote was never in doubt.\"", "The vote", "Michael P. McDonald");
  expect_one("\"Boots on the ground\" would be appropriate, Republican candidate Ben Carson said.", "Boots on",
             "Ben Carson");
  expect_one("As prosecutor Marc Levy put it, \"there was not much to complain about.\"", "there was not much",
             "Marc Levy");
  expect_one("\"We assessed the risk and we like the deal,\" Ian Read said.", "We assessed", "Ian Read");
}

static void test_paragraph_after_the_speaker(void **state) {
  (void)state;
  /* a quote standing alone after a paragraph about someone is theirs */
  bc_article *a = article_of("\"Cruz can win in November,\" Richard Viguerie says.\n\n"
                             "Viguerie is upbeat about the senator's chances this fall.\n\n"
                             "\"He is the one with the best chance of winning.\"");
  bc_story *s = analyze(a);
  expect_speaker(s, "He is the one", "Richard Viguerie");
  bc_story_free(s);
  article_free(a);
}

static void test_role_descriptions_resolve(void **state) {
  (void)state;
  /* "the senator", "the Texas senator": the person the story is about */
  bc_article *a = article_of("Sen. Ted Cruz warned against a brokered convention on Sunday.\n\n"
                             "\"I think that would be an absolute disaster,\" the Texas senator said.\n\n"
                             "Gov. Chris Christie disagreed with him.\n\n"
                             "\"He went for the easy political vote,\" the governor said.");
  bc_story *s = analyze(a);
  expect_speaker(s, "I think that would be", "Ted Cruz");
  expect_speaker(s, "He went for the easy", "Chris Christie");
  bc_story_free(s);
  article_free(a);
}

static void test_told_names_the_listener(void **state) {
  (void)state;
  /* "X told Channel Nine News:": the speaker is X, not the outlet; a time
   * expression may sit between the subject and the verb */
  bc_article *a = article_of("Mayor Jane Holloway toured the new ferry terminal.\n\n"
                             "Holloway later Thursday told Channel Nine News: \"The bridge will open in the "
                             "spring and we are ready for it.\"\n\n"
                             "Harbor union leader Luis Ortega told The Daily Clarion: \"A lot of people are "
                             "worried about the ferry schedule.\"");
  bc_story *s = analyze(a);
  expect_speaker(s, "The bridge will open", "Jane Holloway");
  expect_speaker(s, "A lot of people are", "Luis Ortega");
  bc_story_free(s);
  article_free(a);
}

static void test_openers_and_party_tags(void **state) {
  (void)state;
  /* "goes on recess" is not "went on"; a sentence-opening adverb is not a
   * name; "(R-OH)," after a name is not an apposition */
  bc_article *a = article_of("By contrast, Sen. Marcus Webb said that once the Senate goes on recess, \"I intend "
                             "to visit every county in the state.\"\n\n"
                             "Specifically, Webb argued \"that the new toll will fall hardest on commuters.\"\n\n"
                             "After winning the county in the primary, Gov. Peter Lindqvist (R-OH), said, \"We "
                             "are going to keep the plant open for another decade.\"");
  bc_story *s = analyze(a);
  expect_speaker(s, "I intend to visit", "Marcus Webb");
  expect_speaker(s, "that the new toll", "Marcus Webb");
  expect_speaker(s, "We are going to keep", "Peter Lindqvist");
  bc_story_free(s);
  article_free(a);
}

static void test_speaker_in_the_clause_before(void **state) {
  (void)state;
  /* a party tag then a long apposition; "said ... and added"; a time phrase
   * opening the sentence; a description followed by the name */
  bc_article *a = article_of(
      "On the other side, Sen. Dana Whitfield (R-Tex.), a Republican candidate for governor who has made "
      "water rights a centerpiece of her campaign, tweeted a warning. \"Remember in November the members "
      "who blocked this bill for two days.\"\n\n"
      "In a long interview with a local radio host last year, Oscar Lindgren said he welcomed the audit and "
      "added, \"I'll cooperate fully, no problem.\"\n\n"
      "Councilwoman Priya Natarajan first backed the levy. But a few days later, Natarajan reversed herself "
      "again, telling reporters that the levy \"is dead for this year and probably the next.\"\n\n"
      "\"It's about time that this town had a real library,\" exhorted the evening's host, author Miriam "
      "Castellanos.");
  bc_story *s = analyze(a);
  expect_speaker(s, "Remember in November", "Dana Whitfield");
  expect_speaker(s, "I'll cooperate fully", "Oscar Lindgren");
  expect_speaker(s, "is dead for this year", "Priya Natarajan");
  expect_speaker(s, "It's about time", "Miriam Castellanos");
  bc_story_free(s);
  article_free(a);
  /* "in a statement to Wired explaining": the outlet is not the agent */
  a = article_of("Dana Thiel wrote in a statement to Wired explaining why she is speaking, \"but most residents "
                 "agree that our county is on the wrong track.\"");
  s = analyze(a);
  expect_speaker(s, "but most residents agree", "Dana Thiel");
  bc_story_free(s);
  article_free(a);
}

static void test_openers_are_not_speakers(void **state) {
  (void)state;
  /* a discourse word or a dateline opening the sentence is not the speaker;
   * "..., noting X" does not make X the speaker; "with X yelling:" */
  bc_article *a = article_of(
      "The county board met on Monday to debate the library budget.\n\n"
      "Moreover, as part of the exchange with the mayor, Commissioner Lena Ostrowski cited a report that "
      "\"less than one percent of the books\" were ever borrowed.\n\n"
      "At the same time, Ostrowski remarked that there is still \"more work to do,\" noting rising rents in "
      "the district.\n\n"
      "At a rally in Dayton, Ohio, on Saturday, a few of his fans shoved a heckler, with Councilman Rob Tiller "
      "reportedly yelling: \"Get him out of this hall right now!\"\n\n"
      "DAYTON, Ohio (AP) \u2014 In response to the vote, the mayor's closest aide rallied volunteers, saying: "
      "\"We have to be ready for the next round.\"");
  bc_story *s = analyze(a);
  expect_speaker(s, "less than one percent", "Lena Ostrowski");
  expect_speaker(s, "more work to do", "Lena Ostrowski");
  expect_speaker(s, "Get him out of this hall", "Rob Tiller");
  const bc_quote *q = quote_starting(s, "We have to be ready for the next");
  assert_non_null(q);
  assert_true(q->speaker == NULL || (strcmp(q->speaker, "DAYTON") && strcmp(q->speaker, "the vote")));
  bc_story_free(s);
  article_free(a);
}

static void test_pronoun_skips_modifiers_and_finds_lone_names(void **state) {
  (void)state;
  const bc_quote *q;
  /* "in the Holt release announcing his role, Marsh described": "he" is
   * Marsh, not the modifier Holt; a person named only once ("Okafor said")
   * is still the "he" of the next quote */
  bc_article *a = article_of(
      "Mayor Dennis Holt named a new campaign chief this week.\n\n"
      "But on Thursday, in the Holt release announcing his expanded role, Victor Marsh described the race as "
      "\"a long series of careful steps.\"\n\n"
      "\"My job is to protect the mayor's lead and that is what we will do,\" he vowed.\n\n"
      "Rival organizer Tom Bright called the hire \"a sign of panic\" in the Holt camp.\n\n"
      "Okafor said the county would watch the count closely. Okafor also addressed the rules last Thursday, "
      "stating that counties run the vote.\n\n"
      "\"We do take seriously our duty to protect every ballot cast here,\" he added.");
  bc_story *s = analyze(a);
  expect_speaker(s, "My job is to protect", "Victor Marsh");
  expect_speaker(s, "We do take seriously", "Okafor");
  bc_story_free(s);
  article_free(a);
  /* "the Republican National Convention" and "Former Arizona" are no one */
  a = article_of("On the last day of the Republican National Convention in July, Nora Vance strode across the "
                 "stage. Then she broke with party habit.\n\n"
                 "\"Policies that let parents thrive should not be novelties,\" she said.\n\n"
                 "Former Arizona governor Jan Brewer calls security a priority. \"That is something that will "
                 "resonate with every voter,\" she said.");
  s = analyze(a);
  expect_speaker(s, "Policies that let parents", "Nora Vance");
  q = quote_starting(s, "That is something that will");
  assert_non_null(q);
  assert_true(q->speaker == NULL || strcmp(q->speaker, "Arizona"));
  bc_story_free(s);
  article_free(a);
}

static void test_subject_after_time_clause_and_role_subject(void **state) {
  (void)state;
  /* "One month after endorsing X, Y still believes ...": "he" is Y; a
   * role description as the subject of a partial quote ("the former
   * secretary talked about ...") is the person with that title */
  bc_article *a = article_of(
      "Former Secretary of State Alma Reyes spoke in Harrisburg on Monday to a large crowd.\n\n"
      "Reprising one of her favorite lines, the former secretary of state talked about protecting the \"progress we "
      "made on the budget\" for years.\n\n"
      "One month after announcing his support for Walter Penn, Sen. Carl Dobbs still believes that the "
      "nominee is unready. \"I stand by everything I said during the primary about him,\" he said.");
  bc_story *s = analyze(a);
  expect_speaker(s, "progress we made on the budget", "Alma Reyes");
  expect_speaker(s, "I stand by everything", "Carl Dobbs");
  bc_story_free(s);
  article_free(a);
}

static void test_short_name_matches_first_names_only_when_known(void **state) {
  (void)state;
  /* "Trump" is not the first name of "the Trump Train"; "Hillary" is */
  bc_article *a = article_of(
      "The Gable Express rolled into Dayton on Friday with hundreds of fans.\n\n"
      "To wit, Gable told a radio host that the former governor \"had a crazy policy on taxes which was "
      "reckless,\" adding more.\n\n"
      "Hillary Ward spoke later. \"We will not stop until every vote is counted,\" Hillary said.");
  bc_story *s = analyze(a);
  const bc_quote *q = quote_starting(s, "had a crazy policy on taxes");
  assert_non_null(q);
  assert_non_null(q->speaker);
  assert_string_not_equal(q->speaker, "Gable Express");
  expect_speaker(s, "We will not stop", "Hillary Ward");
  bc_story_free(s);
  article_free(a);
}

static void test_attribution_after_exclamation_and_if_asked(void **state) {
  (void)state;
  /* ""Not us!" Murphy, the head of the PAC, Tweeted": the attribution
   * after a quote ending in "!"; "if asked." is no speech verb, so the
   * sentence before the quote names its speaker */
  bc_article *a = article_of(
      "The head of the major committee backing the governor, Mike Murphy, praised a donor on Friday.\n\n"
      "\"Not us but we cannot argue with it!\" Murphy, the head of Right to Rise, Tweeted on Friday with an "
      "image of the skywriting.\n\n"
      "Ambassador Lionel Barre spoke at the forum on Monday.\n\n"
      "Barre distanced himself from the protest by saying he would be willing to help the next cabinet if "
      "asked. \"I am going to support him, and support him fully, because he can do the job.\"");
  bc_story *s = analyze(a);
  expect_speaker(s, "Not us but we cannot", "Mike Murphy");
  expect_speaker(s, "I am going to support", "Lionel Barre");
  bc_story_free(s);
  article_free(a);
  /* "X was asked by host Y, "..."": the one who asks speaks */
  a = article_of("Senator Ben Sandoval appeared on the late show on Friday.\n\n"
                 "Sandoval was asked by host Mara Quill, who backs him, \"Now, you famously said in the first "
                 "debate that you were tired of hearing about it?\"");
  s = analyze(a);
  expect_speaker(s, "Now, you famously said", "Mara Quill");
  bc_story_free(s);
  article_free(a);
}

static void test_single_mark_quotes(void **state) {
  (void)state;
  /* British style: read in the briefing, not listed in the JSON */
  bc_article *a = article_of("The firefighters found two parrots in the burning house.\n\n"
                             "'We thought there were people trapped inside,' fire chief Ann Moss said.");
  bc_story *s = analyze(a);
  const bc_quote *q = quote_starting(s, "We thought there were people");
  assert_non_null(q);
  assert_true(q->single_marks);
  assert_string_equal(q->speaker, "Ann Moss");
  char *out = NULL;
  assert_int_equal(bc_story_to_json(s, &out), BC_OK);
  json_t *o = json_loads(out, 0, NULL);
  assert_int_equal(json_array_size(json_object_get(o, "quotes")), 0);
  json_decref(o);
  bc_free(out);
  bc_story_free(s);
  article_free(a);
}

static void test_speech_verbs(void **state) {
  (void)state;
  const char *verbs[] = {"warned", "insisted", "wrote", "told CNN", "reiterated", "asked", "added", "tweeted"};
  for (size_t i = 0; i < sizeof verbs / sizeof *verbs; i++) {
    char *t = xasprintf("\"The vote was never in doubt,\" Maria Lopez %s.", verbs[i]);
    expect_one(t, "The vote", "Maria Lopez");
    free(t);
  }
}

static void test_pronoun_and_short_name_resolution(void **state) {
  (void)state;
  bc_article *a = article_of("Sen. Rand Paul met Russian lawmakers in Moscow on Monday.\n\n"
                             "\"We agreed to keep talking,\" he said.\n\n"
                             "Committee head Leonid Slutsky welcomed the visit.\n\n"
                             "\"We are interested in dialogue,\" Slutsky said.\n\n"
                             "Maria Butina's lawyer, Anna Weber, spoke later. \"The case is weak,\" she said.\n\n"
                             "\"We will meet again in Washington,\" Paul said.");
  bc_story *s = analyze(a);
  expect_speaker(s, "We agreed", "Rand Paul");
  expect_speaker(s, "We are interested", "Leonid Slutsky");
  expect_speaker(s, "The case is weak", "Anna Weber");
  expect_speaker(s, "We will meet again", "Rand Paul");
  const bc_quote *q = quote_starting(s, "We will meet again");
  assert_string_equal(q->speaker_title, "Sen.");
  assert_int_equal(q->gender, BC_GENDER_MALE);
  assert_int_equal(quote_starting(s, "The case is weak")->gender, BC_GENDER_FEMALE);
  bc_story_free(s);
  article_free(a);
}

static void test_continuation_inherits_speaker(void **state) {
  (void)state;
  bc_article *a = article_of("\"It's gutless leadership,\" Sen. Elizabeth Warren said. \"You squeezed your "
                             "employees to the breaking point.\"\n\n"
                             "\"Why isn't this proof that the bank is too big to manage?\" Warren asked.");
  bc_story *s = analyze(a);
  expect_speaker(s, "It's gutless", "Elizabeth Warren");
  expect_speaker(s, "You squeezed", "Elizabeth Warren");
  expect_speaker(s, "Why isn't this", "Elizabeth Warren");
  assert_int_equal(quote_starting(s, "You squeezed")->gender, BC_GENDER_FEMALE);
  bc_story_free(s);
  article_free(a);
}

static void test_gender_from_honorific(void **state) {
  (void)state;
  bc_article *a = article_of("Mrs. Jordan Kale opened the meeting.\n\n\"We have work to do tonight,\" Kale said.");
  bc_story *s = analyze(a);
  expect_speaker(s, "We have work", "Jordan Kale");
  assert_int_equal(s->quotes[0].gender, BC_GENDER_FEMALE);
  bc_story_free(s);
  article_free(a);
}

/* --------------------------------------------------------------- summary */

static void test_attribution_reads_naturally(void **state) {
  (void)state;
  bc_article *a = article_of("Sen. Rand Paul on Monday invited Russian lawmakers to Washington after meeting them "
                             "in Moscow.\n\n"
                             "\"I am pleased to announce that we will be continuing this contact,\" Paul, a Kentucky "
                             "Republican, said in Moscow.");
  bc_story *s = analyze(a);
  assert_string_equal(s->quotes[0].attribution, "Paul, a Kentucky Republican, said");
  bc_story_free(s);
  article_free(a);
}

static void test_story_fixture_summary(void **state) {
  (void)state;
  bc_article *a = NULL;
  assert_int_equal(bc_article_from_file(BC_TEST_DATA "/story/harbor-vote.txt", &a, NULL), BC_OK);
  bc_story *s = analyze(a);
  /* the dateline is not read */
  assert_int_equal(s->summary[0].kind, BC_SUMMARY_LEAD);
  assert_string_equal(s->summary[0].text,
                      "The city council on Tuesday approved a $40 million plan to rebuild the harbor's "
                      "crumbling piers, ending a two-year fight over the waterfront.");
  /* every quote, with its speaker; the scare quote and the book title are not quotes */
  expect_speaker(s, "This is the day", "Angela Ruiz");
  expect_speaker(s, "land on every taxpayer", "Thomas Beck");
  expect_speaker(s, "I just think", "Thomas Beck");
  expect_speaker(s, "Every estimate", "Angela Ruiz");
  expect_speaker(s, "We will keep one pier", "Dana Whitfield");
  assert_null(quote_starting(s, "bridge to nowhere"));
  assert_null(quote_starting(s, "The Long Winter"));
  assert_int_equal(quote_starting(s, "Every estimate")->gender, BC_GENDER_FEMALE);
  /* a quote in the summary is introduced by its speaker */
  int quotes = 0;
  for (size_t i = 0; i < s->n_summary; i++)
    if (s->summary[i].kind == BC_SUMMARY_QUOTE) {
      const bc_quote *q = &s->quotes[s->summary[i].index];
      assert_non_null(q->attribution);
      assert_non_null(q->speaker);
      assert_non_null(strstr(q->attribution, strrchr(q->speaker, ' ') + 1)); /* "Ruiz ... said" */
      quotes++;
    }
  /* an article in paragraphs: its lead paragraph, then the quotes, the
   * mayor's first (she opens the story) and different speakers */
  assert_true(quotes >= 2);
  assert_int_equal(s->summary[1].kind, BC_SUMMARY_QUOTE);
  assert_string_equal(s->quotes[s->summary[1].index].attribution, "Mayor Angela Ruiz, a Democrat, said");
  bc_story_free(s);
  bc_article_free(a);
}

static void test_length_control(void **state) {
  (void)state;
  bc_article *a = NULL;
  assert_int_equal(bc_article_from_file(BC_TEST_DATA "/story/harbor-vote.txt", &a, NULL), BC_OK);
  bc_story_options o = {0};
  o.story_seconds = 8; /* less than the lead and a quote */
  bc_story *s = NULL;
  assert_int_equal(bc_story_analyze(a, &o, &s), BC_OK);
  /* quotes go first, whole sentences stay: one lead sentence is left */
  assert_int_equal(s->n_summary, 1);
  assert_int_equal(s->summary[0].kind, BC_SUMMARY_LEAD);
  assert_true(s->summary[0].text[strlen(s->summary[0].text) - 1] == '.');
  assert_int_equal(bc_story_trim(s), 0);
  bc_story_free(s);
  /* estimate and trim by hand */
  assert_int_equal(bc_story_analyze(a, NULL, &s), BC_OK);
  double before = bc_story_estimate_seconds(s, 170);
  assert_true(before > 5);
  assert_true(bc_story_estimate_seconds(s, 340) < before);
  size_t n = s->n_summary;
  assert_int_equal(bc_story_trim(s), 1);
  assert_int_equal(s->n_summary, n - 1);
  assert_true(bc_story_estimate_seconds(s, 170) < before);
  bc_story_free(s);
  /* no quotes at all when asked */
  o.story_seconds = 0;
  o.max_quotes = -1;
  assert_int_equal(bc_story_analyze(a, &o, &s), BC_OK);
  for (size_t i = 0; i < s->n_summary; i++) assert_int_equal(s->summary[i].kind, BC_SUMMARY_LEAD);
  bc_story_free(s);
  bc_article_free(a);
}

static void test_json_contract(void **state) {
  (void)state;
  /* a multi-byte character before the quote: offsets count bytes */
  bc_article *a = article_of("Caf\xC3\xA9 owner Ren\xC3\xA9" "e Dubois reopened on Monday.\n\n"
                             "\xE2\x80\x9CWe never thought we would see this day,\xE2\x80\x9D Dubois said.");
  a->title = xstrdup("Caf\xC3\xA9 reopens");
  bc_story *s = analyze(a);
  char *out = NULL;
  assert_int_equal(bc_story_to_json(s, &out), BC_OK);
  json_error_t err;
  json_t *o = json_loads(out, 0, &err);
  assert_non_null(o);
  assert_string_equal(json_string_value(json_object_get(o, "title")), "Caf\xC3\xA9 reopens");
  assert_true(json_is_null(json_object_get(o, "byline")));
  assert_string_equal(json_string_value(json_object_get(o, "text")), a->text);
  json_t *qs = json_object_get(o, "quotes");
  assert_int_equal(json_array_size(qs), 1);
  json_t *q = json_array_get(qs, 0);
  const char *qt = json_string_value(json_object_get(q, "text"));
  size_t st = (size_t)json_integer_value(json_object_get(q, "start"));
  size_t en = (size_t)json_integer_value(json_object_get(q, "end"));
  assert_int_equal(en - st, strlen(qt));
  assert_memory_equal(a->text + st, qt, strlen(qt));
  assert_string_equal(json_string_value(json_object_get(q, "speaker")), "Ren\xC3\xA9" "e Dubois");
  json_t *sents = json_object_get(json_object_get(o, "summary"), "sentences");
  assert_true(json_array_size(sents) >= 1);
  assert_string_equal(json_string_value(json_array_get(sents, 0)), "Caf\xC3\xA9 owner Ren\xC3\xA9" "e Dubois reopened on Monday.");
  json_decref(o);
  bc_free(out);
  bc_story_free(s);
  free(a->title);
  article_free(a);
}

/* ------------------------------------------------------------------ seed */

static void test_seed_article(void **state) {
  (void)state;
  bc_article *a = NULL;
  assert_int_equal(bc_article_from_file(BC_SOURCE_DIR "/../shared/data/seed/rand-paul-moscow.txt", &a, NULL), BC_OK);
  bc_story *s = analyze(a);
  /* the lead: Rand Paul inviting Russian lawmakers, read by the narrator, no "(CNN)" */
  assert_true(s->n_summary >= 1);
  assert_int_equal(s->summary[0].kind, BC_SUMMARY_LEAD);
  assert_non_null(strstr(s->summary[0].text, "Rand Paul"));
  assert_non_null(strstr(s->summary[0].text, "invited Russian lawmakers to Washington"));
  assert_null(strstr(s->summary[0].text, "(CNN)"));
  assert_null(strstr(s->summary[0].text, "CNN"));
  assert_int_equal(strncmp(s->summary[0].text, "Sen. Rand Paul", 14), 0);
  /* the quotes and their speakers */
  expect_speaker(s, "I am pleased to announce", "Rand Paul");
  expect_speaker(s, "We agreed and we invited", "Rand Paul");
  expect_speaker(s, "your biggest issue right now", "Rand Paul");
  expect_speaker(s, "We are interested in non-proliferation", "Leonid Slutsky");
  expect_speaker(s, "there was no interference in 2016", "Konstantin Kosachev");
  assert_int_equal(quote_starting(s, "I am pleased")->gender, BC_GENDER_MALE);
  /* whichever quotes are selected are introduced by the narrator */
  for (size_t i = 0; i < s->n_summary; i++) {
    if (s->summary[i].kind != BC_SUMMARY_QUOTE) continue;
    const bc_quote *q = &s->quotes[s->summary[i].index];
    assert_non_null(q->attribution);
    assert_non_null(q->speaker);
    assert_null(strstr(s->summary[i].text, "said"));
  }
  bc_story_free(s);
  bc_article_free(a);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_straight_and_curly_marks),
      cmocka_unit_test(test_quote_split_by_attribution),
      cmocka_unit_test(test_multi_paragraph_quote),
      cmocka_unit_test(test_partial_quote),
      cmocka_unit_test(test_nested_quote),
      cmocka_unit_test(test_other_languages_marks),
      cmocka_unit_test(test_scare_quotes_and_titles_are_not_quotes),
      cmocka_unit_test(test_speaker_patterns),
      cmocka_unit_test(test_speech_verbs),
      cmocka_unit_test(test_pronoun_and_short_name_resolution),
      cmocka_unit_test(test_continuation_inherits_speaker),
      cmocka_unit_test(test_paragraph_after_the_speaker),
      cmocka_unit_test(test_role_descriptions_resolve),
      cmocka_unit_test(test_told_names_the_listener),
      cmocka_unit_test(test_openers_and_party_tags),
      cmocka_unit_test(test_speaker_in_the_clause_before),
      cmocka_unit_test(test_openers_are_not_speakers),
      cmocka_unit_test(test_pronoun_skips_modifiers_and_finds_lone_names),
      cmocka_unit_test(test_subject_after_time_clause_and_role_subject),
      cmocka_unit_test(test_short_name_matches_first_names_only_when_known),
      cmocka_unit_test(test_attribution_after_exclamation_and_if_asked),
      cmocka_unit_test(test_single_mark_quotes),
      cmocka_unit_test(test_gender_from_honorific),
      cmocka_unit_test(test_attribution_reads_naturally),
      cmocka_unit_test(test_story_fixture_summary),
      cmocka_unit_test(test_length_control),
      cmocka_unit_test(test_json_contract),
      cmocka_unit_test(test_seed_article),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
