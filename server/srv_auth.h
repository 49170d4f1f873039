/* srv_auth.h - terminal tokens: making a new one (32 random bytes in hex,
 * shown once), hashing (only the SHA-256 hex of the token text is stored)
 * and checking a presented "Authorization: Bearer" value against the store. */
#ifndef GUICHETD_SRV_AUTH_H
#define GUICHETD_SRV_AUTH_H

#include <stddef.h>

#include "server/srv_store.h"

#define SRV_TOKEN_HEX 64 /* a token: 32 random bytes in lowercase hex */

/* libsodium's init; 0 or -1. */
int srv_auth_init(void);
/* SHA-256 of data as lowercase hex (out: SRV_HASH_HEX + 1 bytes). */
void srv_sha256_hex(const void *data, size_t len, char *out);
/* A new random token (out: SRV_TOKEN_HEX + 1) and its hash (hash: SRV_HASH_HEX + 1). */
void srv_token_new(char *out, char *hash);
/* Check an Authorization header value: 0 (t filled), 1 missing/unknown/revoked, -1 store error. */
int srv_auth_check(srv_store *s, const char *authorization, srv_terminal *t);

#endif
