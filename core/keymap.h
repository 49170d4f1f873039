/* keymap.h - named actions, the screen contexts they are bound in, guichet's
 * own key codes and names, and parsing a keymap file's text (format in
 * docs/keymaps.md; the defaults are keymaps/default.keys).  Pure: the text is
 * given in memory, errors come back as codes with line numbers, and messages
 * are English ids (N_) the caller translates. */
#ifndef GUICHET_CORE_KEYMAP_H
#define GUICHET_CORE_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

/* ---- key codes (guichet's own, not ncurses'; the screen translates) ------------------
 * 0x20..0x7e  the printable ASCII character itself (0x20 is "Space")
 * 0x80..0x99  C-a .. C-z
 * 0xa0..0xab  F1 .. F12
 * 0xb0..0xbe  Up .. Insert (named keys, below)
 * 0x100|c     M-c, Alt with a printable ASCII character c (0x21..0x7e) */
#define KM_KEY_NONE 0
#define KM_KEY_CTRL(c) (0x80 + ((c) - 'a')) /* c is 'a'..'z' */
#define KM_KEY_F(n) (0xa0 + (n) - 1)        /* n is 1..12 */
#define KM_KEY_META(c) (0x100 | (c))        /* c is '!'..'~' */
#define KM_KEY_LIMIT 0x180                  /* every key code is below this */
#define KM_KEY_NAME_MAX 16                  /* bytes of the longest key name, NUL included */

/* The named keys. */
enum {
    KM_KEY_UP = 0xb0,
    KM_KEY_DOWN,
    KM_KEY_LEFT,
    KM_KEY_RIGHT,
    KM_KEY_HOME,
    KM_KEY_END,
    KM_KEY_PAGE_UP,
    KM_KEY_PAGE_DOWN,
    KM_KEY_ENTER,
    KM_KEY_TAB,
    KM_KEY_BTAB,
    KM_KEY_ESC,
    KM_KEY_BACKSPACE,
    KM_KEY_DELETE,
    KM_KEY_INSERT,
};

/* ---- actions: the order here is the order of the help screen -------------------------- */
typedef enum {
    KM_NONE = 0, /* no action ("none" in a file: remove the binding) */
    KM_INTAKE_NEW,
    KM_CASE_ACCEPT,
    KM_CASE_SUPPLEMENT,
    KM_CASE_DEFER,
    KM_CASE_REJECT,
    KM_NOTICE_PRINT,
    KM_NOTICE_SAVE,
    KM_GUIDE_FIND,
    KM_ENQUIRY_LOG,
    KM_ENQUIRY_HANDOVER,
    KM_CASE_LIST,
    KM_CASE_SEARCH,
    KM_EVALUATION_RECORD,
    KM_HANDOFF_LEAVE,
    KM_HANDOFF_RETURN,
    KM_ATTENDANCE_OPEN,
    KM_SYNC_OPEN,
    KM_DRILL_OPEN,
    KM_SUPERVISE_OPEN,
    KM_SCREEN_LOCK,
    KM_USER_SWITCH,
    KM_HELP,
    KM_QUIT,
    KM_LIST_UP,
    KM_LIST_DOWN,
    KM_LIST_PAGE_UP,
    KM_LIST_PAGE_DOWN,
    KM_LIST_HOME,
    KM_LIST_END,
    KM_FORM_NEXT_FIELD,
    KM_FORM_PREV_FIELD,
    KM_FORM_SUBMIT,
    KM_FORM_CANCEL,
    KM_CHECKLIST_PRESENT,
    KM_CHECKLIST_MISSING,
    KM_CHECKLIST_DEFECTIVE,
    KM_ACTION_COUNT
} km_action;

/* ---- contexts: where a binding applies; lookups fall back to global ------------------- */
typedef enum {
    KM_CTX_GLOBAL = 0,
    KM_CTX_DASHBOARD,
    KM_CTX_LIST,
    KM_CTX_FORM,
    KM_CTX_CHECKLIST,
    KM_CTX_DECISION,
    KM_CTX_NOTICE,
    KM_CTX_COUNT
} km_context;

/* A whole keymap: fixed size, no allocation. */
typedef struct {
    unsigned char action[KM_CTX_COUNT][KM_KEY_LIMIT]; /* km_action per context and key code */
} keymap;

/* ---- parse errors ------------------------------------------------------------------- */
#define KM_TOKEN_MAX 64 /* bytes of the offending text kept in an error */
#define KM_FILE_MAX 256 /* bytes of the file name kept in an error */

/* What is wrong with one line; keymap_error_reason() gives the message. */
typedef enum {
    KM_ERR_BAD_SECTION = 1, /* "[..." without its "]", or nothing between the brackets */
    KM_ERR_UNKNOWN_CONTEXT, /* [name] that is not a context */
    KM_ERR_UNKNOWN_KEY,     /* the first word is not a key name */
    KM_ERR_MISSING_ACTION,  /* a key with no action after it */
    KM_ERR_UNKNOWN_ACTION,  /* the second word is not an action name */
    KM_ERR_EXTRA_TEXT,      /* more words after the action */
    KM_ERR_DUPLICATE_KEY,   /* the key is bound earlier in this file in the same context */
    KM_ERR_NUL_BYTE,        /* a NUL byte: not a text file */
} km_error_code;

/* One bad line: "FILE:LINE: problem". */
typedef struct {
    km_error_code code;
    int line;                 /* 1-based */
    int other_line;           /* KM_ERR_DUPLICATE_KEY: the line that bound the key first */
    char file[KM_FILE_MAX];   /* the name given to keymap_parse() */
    char token[KM_TOKEN_MAX]; /* the offending word (a key, an action, a context) */
} keymap_error;

/* Called once per help line: the keys ("F2 / C-n"), the action, its description (N_ id). */
typedef void (*keymap_help_fn)(void *ud, const char *keys, km_action act, const char *desc);

/* Key codes and names. */

/* The code for a key name ("F2", "C-n", "PageDown", "j", "M-x", "Space"); KM_KEY_NONE if unknown. */
int keymap_key_parse(const char *name);
/* Write the canonical name of a key code into buf (KM_KEY_NAME_MAX bytes); NULL if not a key. */
const char *keymap_key_name(int key, char buf[KM_KEY_NAME_MAX]);

/* Actions and contexts. */

/* The file name of an action ("intake.new"); NULL for KM_NONE or out of range. */
const char *keymap_action_name(km_action act);
/* The help screen's description of an action (N_ message id); NULL for KM_NONE or out of range. */
const char *keymap_action_desc(km_action act);
/* The action with this name ("none" gives KM_NONE); -1 if unknown. */
int keymap_action_find(const char *name);
/* The file name of a context ("form"); NULL if out of range. */
const char *keymap_context_name(km_context ctx);
/* The context with this name; -1 if unknown. */
int keymap_context_find(const char *name);

/* The keymap itself. */

/* Empty keymap: no key bound anywhere. */
void keymap_init(keymap *km);
/* Bind key to act in ctx (KM_NONE removes the binding); false if key or ctx is out of range. */
bool keymap_bind(keymap *km, km_context ctx, int key, km_action act);
/* Parse a keymap file's text over km: good lines apply, bad ones are skipped; returns how many lines were bad
 * (the first max_errors of them are stored in errors, *nerrors says how many were stored). */
int keymap_parse(keymap *km, const char *text, size_t len, const char *filename,
                 keymap_error *errors, int max_errors, int *nerrors);
/* The action for key in ctx, else in global; KM_NONE when unbound. */
km_action keymap_action(const keymap *km, km_context ctx, int key);
/* The action bound to key in ctx itself (no fallback to global). */
km_action keymap_action_in(const keymap *km, km_context ctx, int key);
/* Write the names of the keys that reach act in ctx (with global fallback), " / " between them; returns how many. */
int keymap_keys_for(const keymap *km, km_context ctx, km_action act, char *buf, size_t len);
/* Call fn for each action reachable in ctx (and global), in action table order; returns the number of lines. */
int keymap_help(const keymap *km, km_context ctx, keymap_help_fn fn, void *ud);

/* Errors. */

/* The message id (N_) for an error; "%s" stands for err->token, "%d" for err->other_line. */
const char *keymap_error_reason(km_error_code code);
/* Write "FILE:LINE: problem" into buf using fmt (a translated reason, or NULL for English); returns buf. */
char *keymap_error_format(const keymap_error *err, const char *fmt, char *buf, size_t len);

#endif
