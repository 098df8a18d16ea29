#ifndef CALLVAULT_CSODIUM_SHIM_H
#define CALLVAULT_CSODIUM_SHIM_H

#include <sodium.h>

#endif
