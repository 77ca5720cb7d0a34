// Part of the fuzz targets only (never of the loyalty package).
#define _GNU_SOURCE
#include "CLibFuzzer.h"

#include <dlfcn.h>
#include <stdlib.h>

// zlib's gzbuffer, interposed: ByteSource asks for a 1 MiB buffer per opened file, and zlib then
// allocates 3 MiB (1 MiB in, 2 MiB out). Under AddressSanitizer every such allocation is an mmap with its
// shadow poisoned and unpoisoned, which made a run of the reader target cost milliseconds. The inputs are
// at most a few KiB, so a buffer of LOYALTY_FUZZ_GZBUFFER bytes (default 8192; 0 keeps what the caller
// asked) reads them the same way: gzread's results do not depend on its buffer size.
int gzbuffer(void *file, unsigned size) {
    static int (*real)(void *, unsigned);
    static long limit = -1;
    if (!real) {
        real = (int (*)(void *, unsigned))dlsym(RTLD_NEXT, "gzbuffer");
        if (!real) abort();
    }
    if (limit < 0) {
        const char *given = getenv("LOYALTY_FUZZ_GZBUFFER");
        limit = given ? atol(given) : 8192;
        if (limit < 0) limit = 0;
    }
    if (limit > 0 && size > (unsigned)limit) size = (unsigned)limit;
    return real(file, size);
}
