import CallVault
import CallVaultCore
import CallVaultCrypto

/// The guarantees every `KeyStore` keeps, each with its check.
enum KeyStoreConformance {
    static let seam = "KeyStore"

    static let guarantees: [Guarantee<any KeyStore>] = [
        Guarantee("stored wraps read back equal and in order") { store, expect in
            let id = RecordingID()
            let wraps = try (1...3).map { try ConformanceFixtures.wrap(seed: UInt8($0)) }
            try await store.store(wraps, for: id)
            try expect.equal(try await store.wraps(for: id), wraps, "the wraps")
        },
        Guarantee("a recording never given keys has none") { store, expect in
            try expect.equal(try await store.wraps(for: RecordingID()), [], "the wraps of an unknown recording")
        },
        Guarantee("storing again replaces the wraps (a rewrap)") { store, expect in
            let id = RecordingID()
            try await store.store(try (1...3).map { try ConformanceFixtures.wrap(seed: UInt8($0)) }, for: id)
            let rewrapped = [try ConformanceFixtures.wrap(seed: 9)]
            try await store.store(rewrapped, for: id)
            try expect.equal(try await store.wraps(for: id), rewrapped, "the wraps after a rewrap")
        },
        Guarantee("shredding removes every wrap") { store, expect in
            let id = RecordingID()
            try await store.store(try (1...2).map { try ConformanceFixtures.wrap(seed: UInt8($0)) }, for: id)
            try await store.shred(id)
            try expect.equal(try await store.wraps(for: id), [], "the wraps after shredding")
        },
        Guarantee("a shredded recording never gets keys again") { store, expect in
            let id = RecordingID()
            try await store.store([try ConformanceFixtures.wrap(seed: 1)], for: id)
            try await store.shred(id)
            try await expect.throwing(StorageError.keysShredded(id), "storing after a shred") {
                try await store.store([try ConformanceFixtures.wrap(seed: 2)], for: id)
            }
            try expect.equal(try await store.wraps(for: id), [], "the wraps after a refused store")
        },
        Guarantee("shredding is idempotent, and shredding a recording without keys bars it too") { store, expect in
            let id = RecordingID()
            try await store.shred(id)
            try await store.shred(id)
            try await expect.throwing(StorageError.keysShredded(id), "storing after shredding a keyless recording") {
                try await store.store([try ConformanceFixtures.wrap(seed: 3)], for: id)
            }
        },
        Guarantee("shredding one recording leaves the others' keys") { store, expect in
            let kept = RecordingID()
            let shredded = RecordingID()
            let wraps = [try ConformanceFixtures.wrap(seed: 4)]
            try await store.store(wraps, for: kept)
            try await store.store([try ConformanceFixtures.wrap(seed: 5)], for: shredded)
            try await store.shred(shredded)
            try expect.equal(try await store.wraps(for: kept), wraps, "the other recording's wraps")
            try await store.store(wraps + [try ConformanceFixtures.wrap(seed: 6)], for: kept)
            try expect.equal(try await store.wraps(for: kept).count, 2, "the other recording can still be rewrapped")
        },
        Guarantee("a shred racing with stores leaves the recording shredded") { store, expect in
            let id = RecordingID()
            try await store.store([try ConformanceFixtures.wrap(seed: 1)], for: id)
            let wrap = try ConformanceFixtures.wrap(seed: 2)
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        if index == 3 {
                            try? await store.shred(id)
                        } else {
                            try? await store.store([wrap], for: id)
                        }
                    }
                }
            }
            try expect.equal(try await store.wraps(for: id), [], "the wraps once the shred ran")
        },
    ]
}
