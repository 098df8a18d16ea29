#ifndef CALLVAULT_BENCHMARKS_CSODIUM_SHIM_H
#define CALLVAULT_BENCHMARKS_CSODIUM_SHIM_H

// libsodium for the raw baselines the envelope is measured against.
#include <sodium.h>

#endif
