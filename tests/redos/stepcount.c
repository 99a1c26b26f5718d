/* Count the steps a backtracking regular-expression engine takes: PCRE2's interpreter, with an
 * automatic callout before every item of the pattern, each callout one step. Built by
 * tests/redos/stepcount.py with the system C compiler against Debian's libpcre2-8. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <stddef.h>
#include <stdint.h>

typedef struct pcre2_real_code_8 pcre2_code_8;
typedef struct pcre2_real_match_data_8 pcre2_match_data_8;
typedef struct pcre2_real_match_context_8 pcre2_match_context_8;

extern pcre2_code_8 *pcre2_compile_8(const unsigned char *, size_t, uint32_t, int *, size_t *,
                                     void *);
extern void pcre2_code_free_8(pcre2_code_8 *);
extern pcre2_match_data_8 *pcre2_match_data_create_from_pattern_8(const pcre2_code_8 *, void *);
extern void pcre2_match_data_free_8(pcre2_match_data_8 *);
extern pcre2_match_context_8 *pcre2_match_context_create_8(void *);
extern void pcre2_match_context_free_8(pcre2_match_context_8 *);
extern int pcre2_set_callout_8(pcre2_match_context_8 *, int (*)(void *, void *), void *);
extern int pcre2_match_8(const pcre2_code_8 *, const unsigned char *, size_t, size_t, uint32_t,
                         pcre2_match_data_8 *, pcre2_match_context_8 *);
extern size_t *pcre2_get_ovector_pointer_8(pcre2_match_data_8 *);

struct counter {
    long long steps;
    long long budget;
};

static int count_one(void *block, void *data) {
    struct counter *counter = data;
    (void)block;
    return ++counter->steps > counter->budget ? -1 : 0; /* negative: stop the match */
}

/* Steps to find every match left to right, as Python's finditer does (with match_options
 * PCRE2_ANCHORED, one match at the start, as Python's match and fullmatch do), or -1 past the budget,
 * or -2 when the pattern does not compile (then *error_offset says where). */
long long count_steps(const unsigned char *pattern, size_t pattern_length,
                      const unsigned char *subject, size_t subject_length, uint32_t options,
                      uint32_t match_options, long long budget, size_t *error_offset) {
    int error = 0;
    pcre2_code_8 *code =
        pcre2_compile_8(pattern, pattern_length, options, &error, error_offset, NULL);
    if (code == NULL) return -2;
    pcre2_match_data_8 *match = pcre2_match_data_create_from_pattern_8(code, NULL);
    pcre2_match_context_8 *context = pcre2_match_context_create_8(NULL);
    struct counter counter = {0, budget};
    pcre2_set_callout_8(context, count_one, &counter);
    size_t offset = 0;
    long long result = 0;
    /* Python encoded the subject, so it is valid UTF-8: checking it again on every call would
     * cost the whole subject's length per match. */
    match_options |= 0x40000000u; /* PCRE2_NO_UTF_CHECK */
    const uint32_t anchored = match_options & 0x80000000u; /* PCRE2_ANCHORED */
    while (offset <= subject_length) {
        int found =
            pcre2_match_8(code, subject, subject_length, offset, match_options, match, context);
        if (counter.steps > budget) { result = -1; break; }
        if (found < 0 || anchored) break; /* no further match, or only one asked */
        size_t *span = pcre2_get_ovector_pointer_8(match);
        if (span[1] > span[0]) {
            offset = span[1];
        } else { /* an empty match: step over one UTF-8 character */
            offset = span[1] + 1;
            while (offset < subject_length && (subject[offset] & 0xC0) == 0x80) offset++;
        }
    }
    if (result == 0) result = counter.steps;
    pcre2_match_context_free_8(context);
    pcre2_match_data_free_8(match);
    pcre2_code_free_8(code);
    return result;
}
