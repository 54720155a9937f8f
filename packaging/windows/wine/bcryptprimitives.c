/* For the checks under wine only, never shipped: Debian 12's wine 8.0 lacks bcryptprimitives.dll,
 * which every Rust program for Windows imports ProcessPrng from (Windows 10 and 11 have it).
 * This stand-in draws the same random bytes from RtlGenRandom (advapi32's SystemFunction036). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
