/* main.c - entry point of build/guichet (temporary until verbs land). */
#include <stdio.h>
int main(void) { puts("guichet"); return 0; }
