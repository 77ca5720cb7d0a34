// libFuzzer's driver, called from each target's entry point (see runFuzzer in FuzzSupport).
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));
