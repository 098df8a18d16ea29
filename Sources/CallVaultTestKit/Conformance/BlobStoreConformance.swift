import CallVault
import CallVaultCore

/// The guarantees every `BlobStore` keeps, each with its check.
enum BlobStoreConformance {
    static let seam = "BlobStore"

    static let guarantees: [Guarantee<any BlobStore>] = [
        Guarantee("a finished blob reads back every byte appended, at any offset") { store, expect in
            let id = RecordingID()
            let chunks = [ConformanceFixtures.bytes(100, seed: 1), [], ConformanceFixtures.bytes(4_000, seed: 2)]
            let writer = try store.create(id)
            for chunk in chunks { try chunk.withUnsafeBytes { try writer.append($0) } }
            try writer.flush()
            try ConformanceFixtures.bytes(17, seed: 3).withUnsafeBytes { try writer.append($0) }
            try writer.finish()
            let expected = chunks.flatMap { $0 } + ConformanceFixtures.bytes(17, seed: 3)
            let source = try store.source(for: id)
            try expect.equal(try source.byteCount(), UInt64(expected.count), "the byte count")
            try expect.equal(try read(source, offset: 0, count: expected.count), expected, "the whole blob")
            try expect.equal(try read(source, offset: 99, count: 2), Array(expected[99..<101]), "two bytes at 99")
            try expect.equal(try read(source, offset: UInt64(expected.count), count: 0), [], "an empty read at the end")
        },
        Guarantee("an empty blob can be finished and reads as zero bytes") { store, expect in
            let id = RecordingID()
            try store.create(id).finish()
            try expect.equal(try store.source(for: id).byteCount(), 0, "the byte count")
            try expect.that(try store.unfinished().isEmpty, "a finished empty blob is listed as unfinished")
        },
        Guarantee("create refuses a second blob for a recording, finished or not") { store, expect in
            let id = RecordingID()
            let writer = try store.create(id)
            try await expect.throwing(StorageError.blobExists(id), "a second create while unfinished") {
                _ = try store.create(id)
            }
            try writer.finish()
            try await expect.throwing(StorageError.blobExists(id), "a second create once finished") {
                _ = try store.create(id)
            }
        },
        Guarantee("source of a recording without a blob throws blobMissing") { store, expect in
            let id = RecordingID()
            try await expect.throwing(StorageError.blobMissing(id), "source of an unknown recording") {
                _ = try store.source(for: id)
            }
        },
        Guarantee("a read past the end throws readOutOfRange with what is available") { store, expect in
            let id = RecordingID()
            let writer = try store.create(id)
            try ConformanceFixtures.bytes(10, seed: 4).withUnsafeBytes { try writer.append($0) }
            try writer.finish()
            let source = try store.source(for: id)
            try await expect.throwing(
                StorageError.readOutOfRange(id, offset: 8, count: 4, available: 10), "4 bytes at 8 of 10"
            ) { _ = try read(source, offset: 8, count: 4) }
            try await expect.throwing(
                StorageError.readOutOfRange(id, offset: 11, count: 0, available: 10), "0 bytes at 11 of 10"
            ) { _ = try read(source, offset: 11, count: 0) }
        },
        Guarantee("synchronize makes several blobs' appends durable in one round, each result in order") {
            store, expect in
            let ids = [RecordingID(), RecordingID(), RecordingID()]
            var writers: [any BlobWriter] = []
            for (index, id) in ids.enumerated() {
                let writer = try store.create(id)
                try ConformanceFixtures.bytes(200 + index, seed: UInt8(10 + index)).withUnsafeBytes {
                    try writer.append($0)
                }
                writers.append(writer)
            }
            let finished = RecordingID()
            let done = try store.create(finished)
            try done.finish()
            let results = store.synchronize(writers + [done])
            try expect.equal(results.count, 4, "one result per writer")
            try expect.that(results.prefix(3).allSatisfy { $0 == nil }, "the open writers' rounds succeed")
            try expect.that(results.last.map { $0 != nil } ?? false, "a finished writer's round is an error")
            let unfinished = Dictionary(uniqueKeysWithValues: try store.unfinished().map { ($0.recordingID, $0) })
            for (index, id) in ids.enumerated() {
                try expect.that(
                    (unfinished[id]?.byteCount ?? 0) >= UInt64(200 + index), "blob \(index) durable after the round")
                try expect.equal(
                    try read(try store.source(for: id), offset: 0, count: 200 + index),
                    ConformanceFixtures.bytes(200 + index, seed: UInt8(10 + index)), "blob \(index)'s bytes")
            }
            try expect.equal(store.synchronize([]).count, 0, "an empty round")
        },
        Guarantee("a finished writer refuses more bytes with blobFinished") { store, expect in
            let id = RecordingID()
            let writer = try store.create(id)
            try writer.finish()
            try await expect.throwing(StorageError.blobFinished(id), "an append after finish") {
                try [1, 2, 3].withUnsafeBytes { try writer.append($0) }
            }
            try expect.equal(try store.source(for: id).byteCount(), 0, "the blob after a refused append")
        },
        Guarantee("a blob never finished is listed by unfinished() with at least its flushed bytes") { store, expect in
            let id = RecordingID()
            let done = RecordingID()
            try store.create(done).finish()
            let flushed = ConformanceFixtures.bytes(300, seed: 5)
            let more = ConformanceFixtures.bytes(50, seed: 6)
            let writer = try store.create(id)
            try flushed.withUnsafeBytes { try writer.append($0) }
            try writer.flush()
            try more.withUnsafeBytes { try writer.append($0) }
            let listed = try store.unfinished()
            try expect.equal(listed.map(\.recordingID), [id], "the unfinished blobs")
            let count = listed.first?.byteCount ?? 0
            try expect.that(
                count >= UInt64(flushed.count) && count <= UInt64(flushed.count + more.count),
                "the unfinished blob reports \(count) bytes; \(flushed.count) were flushed, \(flushed.count + more.count) appended"
            )
            let source = try store.source(for: id)
            let readable = try source.byteCount()
            try expect.that(
                readable >= UInt64(flushed.count), "only \(readable) of \(flushed.count) flushed bytes are readable")
            let bytes = try read(source, offset: 0, count: Int(min(readable, UInt64(flushed.count + more.count))))
            try expect.equal(bytes, Array((flushed + more).prefix(bytes.count)), "the unfinished blob's bytes")
            _ = writer
        },
        Guarantee("a writer dropped without finishing (a crash) leaves its blob unfinished and readable") {
            store, expect in
            let id = RecordingID()
            let flushed = ConformanceFixtures.bytes(1_000, seed: 7)
            do {
                let writer = try store.create(id)
                try flushed.withUnsafeBytes { try writer.append($0) }
                try writer.flush()
            }
            try expect.equal(try store.unfinished().map(\.recordingID), [id], "the unfinished blobs")
            let source = try store.source(for: id)
            try expect.equal(try read(source, offset: 0, count: flushed.count), flushed, "the flushed bytes")
        },
        Guarantee("closeUnfinished finishes a blob with its flushed bytes, and is idempotent") { store, expect in
            let id = RecordingID()
            let flushed = ConformanceFixtures.bytes(640, seed: 8)
            do {
                let writer = try store.create(id)
                try flushed.withUnsafeBytes { try writer.append($0) }
                try writer.flush()
            }
            try store.closeUnfinished(id)
            try expect.that(try store.unfinished().isEmpty, "the blob is still unfinished after closeUnfinished")
            let source = try store.source(for: id)
            try expect.equal(try source.byteCount(), UInt64(flushed.count), "the closed blob's byte count")
            try expect.equal(try read(source, offset: 0, count: flushed.count), flushed, "the closed blob's bytes")
            try store.closeUnfinished(id)
            try expect.equal(try store.source(for: id).byteCount(), UInt64(flushed.count), "after a second close")
            try await expect.throwing(StorageError.blobExists(id), "create after closeUnfinished") {
                _ = try store.create(id)
            }
        },
        Guarantee("closeUnfinished leaves a finished blob as it is") { store, expect in
            let id = RecordingID()
            let bytes = ConformanceFixtures.bytes(64, seed: 9)
            let writer = try store.create(id)
            try bytes.withUnsafeBytes { try writer.append($0) }
            try writer.finish()
            try store.closeUnfinished(id)
            try expect.equal(try read(try store.source(for: id), offset: 0, count: 64), bytes, "the finished blob")
        },
        Guarantee("delete removes finished and unfinished blobs, and is idempotent") { store, expect in
            let finished = RecordingID()
            let open = RecordingID()
            try store.create(finished).finish()
            let writer = try store.create(open)
            try [1, 2, 3].withUnsafeBytes { try writer.append($0) }
            try writer.flush()
            try store.delete(finished)
            try store.delete(open)
            try store.delete(finished)
            try store.delete(RecordingID())
            for id in [finished, open] {
                try await expect.throwing(StorageError.blobMissing(id), "source after delete") {
                    _ = try store.source(for: id)
                }
            }
            try expect.that(try store.unfinished().isEmpty, "a deleted unfinished blob is still listed")
        },
        Guarantee("blobs of different recordings are independent") { store, expect in
            let ids = (0..<4).map { _ in RecordingID() }
            let writers = try ids.map { try store.create($0) }
            for round in 0..<3 {
                for (index, writer) in writers.enumerated() {
                    try ConformanceFixtures.bytes(10 + index, seed: UInt8(round * 4 + index)).withUnsafeBytes {
                        try writer.append($0)
                    }
                }
            }
            for writer in writers { try writer.finish() }
            try store.delete(ids[0])
            for (index, id) in ids.enumerated().dropFirst() {
                let expected = (0..<3).flatMap { ConformanceFixtures.bytes(10 + index, seed: UInt8($0 * 4 + index)) }
                try expect.equal(
                    try read(try store.source(for: id), offset: 0, count: expected.count), expected, "blob \(index)")
            }
        },
        Guarantee("many segments appended and flushed one by one read back in order") { store, expect in
            let id = RecordingID()
            let writer = try store.create(id)
            var expected: [UInt8] = []
            for segment in 0..<200 {
                let bytes = ConformanceFixtures.bytes(97, seed: UInt8(truncatingIfNeeded: segment))
                try bytes.withUnsafeBytes { try writer.append($0) }
                try writer.flush()
                expected += bytes
            }
            try writer.finish()
            let source = try store.source(for: id)
            try expect.equal(try read(source, offset: 0, count: expected.count), expected, "200 segments")
            try expect.equal(
                try read(source, offset: 97 * 150, count: 97), Array(expected[(97 * 150)..<(97 * 151)]),
                "segment 150 read alone")
        },
    ]

    static func read(_ source: AnyRandomAccessByteSource, offset: UInt64, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        try bytes.withUnsafeMutableBytes { try source.read(into: $0, at: offset) }
        return bytes
    }
}
