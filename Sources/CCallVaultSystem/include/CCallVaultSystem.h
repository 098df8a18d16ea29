#ifndef CALLVAULT_SYSTEM_SHIM_H
#define CALLVAULT_SYSTEM_SHIM_H

/// syncfs(2): writes back, and waits for, everything dirty on the file system holding `fd`, in
/// one call. Linux only (glibc declares it under _GNU_SOURCE, which Swift's Glibc module does not
/// see); elsewhere it fails with ENOSYS and callers synchronize each file instead.
int callvault_syncfs(int fd);

#endif
