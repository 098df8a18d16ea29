#define _GNU_SOURCE
#include "CCallVaultSystem.h"

#include <errno.h>
#include <unistd.h>

int callvault_syncfs(int fd) {
#if defined(__linux__)
    return syncfs(fd);
#else
    (void)fd;
    errno = ENOSYS;
    return -1;
#endif
}
