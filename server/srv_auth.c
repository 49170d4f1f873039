/* srv_auth.c - terminal tokens: generation, SHA-256, and the bearer check
 * (the stored hash is compared with sodium_memcmp; a revoked terminal is
 * refused like an unknown one). */
#include "server/srv_auth.h"

#include <sodium.h>
#include <string.h>

#include "server/srv_json.h"

int srv_auth_init(void)
{
    return sodium_init() < 0 ? -1 : 0;
}

void srv_sha256_hex(const void *data, size_t len, char *out)
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)data, (unsigned long long)len);
    sodium_bin2hex(out, SRV_HASH_HEX + 1, h, sizeof h);
}

void srv_token_new(char *out, char *hash)
{
    unsigned char raw[SRV_TOKEN_HEX / 2];
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, SRV_TOKEN_HEX + 1, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
    srv_sha256_hex(out, SRV_TOKEN_HEX, hash);
}

int srv_auth_check(srv_store *s, const char *authorization, srv_terminal *t)
{
    static const char prefix[] = "Bearer ";
    if (!authorization || strncmp(authorization, prefix, sizeof prefix - 1) != 0)
        return 1;
    const char *token = authorization + sizeof prefix - 1;
    if (!srv_hex_valid(token, SRV_TOKEN_HEX))
        return 1;
    char hash[SRV_HASH_HEX + 1];
    srv_sha256_hex(token, SRV_TOKEN_HEX, hash);
    int rc = srv_terminal_by_token(s, hash, t);
    if (rc != 0)
        return rc;
    if (sodium_memcmp(hash, t->token_sha256, SRV_HASH_HEX) != 0 || t->revoked != 0)
        return 1;
    return 0;
}
