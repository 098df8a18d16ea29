import CallVault
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import Foundation

/// The guarantees every `RecordingCatalog` keeps, each with its check.
enum RecordingCatalogConformance {
    static let seam = "RecordingCatalog"
    static let start = ConformanceFixtures.now

    static let guarantees: [Guarantee<any RecordingCatalog>] = [
        Guarantee("contents name each known recording's current and superseded content, and only those") {
            catalog, expect in
            let signer = try SigningKey.generate()
            let redacted = try ConformanceFixtures.fullRecording(RecordingID(), startedAt: start, signer: signer)
            let plain = try ConformanceFixtures.minimalRecording(RecordingID(), startedAt: start)
            try await catalog.save(redacted)
            try await catalog.save(plain)
            let unknown = RecordingID()
            let contents = try await catalog.contents(of: [redacted.id, plain.id, unknown])
            try expect.equal(
                contents, [redacted.id: [redacted.contentID] + redacted.supersededContent, plain.id: [plain.id]],
                "the contents")
        },
        Guarantee("recordings with superseded contents are found, and only those") { catalog, expect in
            let signer = try SigningKey.generate()
            let redacted = try ConformanceFixtures.fullRecording(RecordingID(), startedAt: start, signer: signer)
            try await catalog.save(redacted)
            try await catalog.save(try ConformanceFixtures.minimalRecording(RecordingID(), startedAt: start))
            try expect.equal(
                try await catalog.recordingsWithSupersededContent().map(\.id), [redacted.id], "the recordings found")
            var finished = redacted
            finished.supersededContent = []
            try await catalog.save(finished)
            try expect.equal(
                try await catalog.recordingsWithSupersededContent().map(\.id), [], "after the destruction is finished")
        },
        Guarantee("marking deleted drops the customer and receipts, keeps the rest, and skips the others") {
            catalog, expect in
            let signer = try SigningKey.generate()
            let deleted = try ConformanceFixtures.fullRecording(RecordingID(), startedAt: start, signer: signer)
            let kept = try ConformanceFixtures.fullRecording(RecordingID(), startedAt: start, signer: signer)
            try await catalog.save(deleted)
            try await catalog.save(kept)
            try await catalog.markDeleted([deleted.id, RecordingID()])
            try await catalog.markDeleted([deleted.id])
            var expected = deleted
            expected.state = .deleted
            expected.customerID = nil
            expected.receipts = []
            try expect.equal(try await catalog.recording(deleted.id), expected, "the deleted recording's entry")
            try expect.equal(try await catalog.recording(kept.id), kept, "another recording's entry")
            try expect.equal(
                try await catalog.recordings(ofCustomer: "customer-42").map(\.id), [kept.id], "the customer's")
        },
        Guarantee("a recording with every field set reads back equal") { catalog, expect in
            let signer = try SigningKey.generate()
            let recording = try ConformanceFixtures.fullRecording(RecordingID(), startedAt: start, signer: signer)
            try await catalog.save(recording)
            let stored = try await catalog.recording(recording.id)
            try expect.equal(stored, recording, "the stored recording")
        },
        Guarantee("signed receipts read back byte for byte and still verify") { catalog, expect in
            let signer = try SigningKey.generate()
            let recording = try ConformanceFixtures.fullRecording(RecordingID(), startedAt: start, signer: signer)
            try await catalog.save(recording)
            let receipts = try await catalog.recording(recording.id)?.receipts ?? []
            try expect.equal(receipts.count, recording.receipts.count, "the number of receipts")
            for (stored, original) in zip(receipts, recording.receipts) {
                try expect.equal(stored.signedPayload, original.signedPayload, "a receipt's signed bytes")
                try expect.equal(try stored.verified(by: signer.verifyingKey), original.content, "a verified receipt")
            }
        },
        Guarantee("a recording with only the required fields reads back equal") { catalog, expect in
            let recording = try ConformanceFixtures.minimalRecording(RecordingID(), startedAt: start)
            try await catalog.save(recording)
            try expect.equal(try await catalog.recording(recording.id), recording, "the stored recording")
        },
        Guarantee("saving again replaces the entry") { catalog, expect in
            let signer = try SigningKey.generate()
            var recording = try ConformanceFixtures.fullRecording(RecordingID(), startedAt: start, signer: signer)
            try await catalog.save(recording)
            recording.state = .incomplete
            recording.receipts = Array(recording.receipts.prefix(1))
            recording.tags = []
            recording.timeline = nil
            recording.customerID = nil
            recording.endedAt = start.addingTimeInterval(1)
            try await catalog.save(recording)
            try expect.equal(try await catalog.recording(recording.id), recording, "the replaced recording")
            try expect.equal(try await catalog.recordings(ofCustomer: "customer-42"), [], "the old customer's list")
            try expect.equal(try await catalog.recordings(in: .complete), [], "the old state's list")
        },
        Guarantee("an unknown recording reads as nil") { catalog, expect in
            try await catalog.save(try ConformanceFixtures.minimalRecording(RecordingID(), startedAt: start))
            try expect.that(try await catalog.recording(RecordingID()) == nil, "an unknown id returned an entry")
        },
        Guarantee("recordings(in:) returns exactly that state's entries, by start time") { catalog, expect in
            let states: [RecordingEntry.State] = [
                .recording, .complete, .recording, .incomplete, .recording, .complete,
            ]
            var saved: [RecordingEntry] = []
            for (index, state) in states.enumerated() {
                // Saved out of start order: the catalog must sort.
                let startedAt = start.addingTimeInterval(Double((index * 7) % 6) * 60 + 0.001)
                saved.append(
                    try ConformanceFixtures.minimalRecording(RecordingID(), startedAt: startedAt, state: state))
            }
            for recording in saved { try await catalog.save(recording) }
            for state in RecordingEntry.State.allCases {
                let expected = saved.filter { $0.state == state }.sorted { $0.startedAt < $1.startedAt }
                try expect.equal(try await catalog.recordings(in: state).map(\.id), expected.map(\.id), "\(state)")
            }
        },
        Guarantee("recordings(ofCustomer:) returns exactly that customer's entries, by start time") { catalog, expect in
            var saved: [RecordingEntry] = []
            for index in 0..<6 {
                saved.append(
                    try ConformanceFixtures.minimalRecording(
                        RecordingID(), startedAt: start.addingTimeInterval(Double(5 - index) * 3_600),
                        customer: index % 3 == 0 ? nil : "customer-\(index % 3)"))
            }
            for recording in saved { try await catalog.save(recording) }
            for customer in ["customer-1", "customer-2"] {
                let expected = saved.filter { $0.customerID == customer }.sorted { $0.startedAt < $1.startedAt }
                try expect.equal(
                    try await catalog.recordings(ofCustomer: customer).map(\.id), expected.map(\.id), customer)
            }
            try expect.equal(try await catalog.recordings(ofCustomer: "customer-9"), [], "an unknown customer")
        },
        Guarantee("recordings(after:limit:) pages through every entry once, in start-time order") { catalog, expect in
            var saved: [RecordingEntry] = []
            for index in 0..<11 {
                // Pairs share a start time, so paging must break ties consistently.
                let startedAt = start.addingTimeInterval(Double(index / 2) * 10)
                saved.append(try ConformanceFixtures.minimalRecording(RecordingID(), startedAt: startedAt))
            }
            for recording in saved.reversed() { try await catalog.save(recording) }
            var seen: [RecordingEntry] = []
            var cursor: RecordingID?
            for _ in 0..<20 {
                let page = try await catalog.recordings(after: cursor, limit: 3)
                try expect.that(page.count <= 3, "a page of \(page.count) entries exceeds the limit of 3")
                seen += page
                guard let last = page.last else { break }
                cursor = last.id
            }
            try expect.equal(seen.count, saved.count, "entries listed")
            try expect.equal(Set(seen.map(\.id)), Set(saved.map(\.id)), "the entries listed")
            try expect.that(
                zip(seen, seen.dropFirst()).allSatisfy { $0.startedAt <= $1.startedAt },
                "the listing is not in start-time order")
            try expect.equal(try await catalog.recordings(after: nil, limit: 0), [], "a page with limit 0")
        },
        Guarantee("recordings(after:limit:) refuses a cursor it does not hold") { catalog, expect in
            try await catalog.save(try ConformanceFixtures.minimalRecording(RecordingID(), startedAt: start))
            let unknown = RecordingID()
            try await expect.throwing(StorageError.recordingNotFound(unknown), "paging after an unknown id") {
                _ = try await catalog.recordings(after: unknown, limit: 10)
            }
        },
        Guarantee("times keep their sub-millisecond fraction") { catalog, expect in
            var recording = try ConformanceFixtures.minimalRecording(
                RecordingID(), startedAt: Date(timeIntervalSinceReferenceDate: 801_692_800.123_456_7))
            recording.endedAt = Date(timeIntervalSinceReferenceDate: 801_692_912.000_000_3)
            try await catalog.save(recording)
            let stored = try await catalog.recording(recording.id)
            try expect.equal(stored?.startedAt, recording.startedAt, "startedAt")
            try expect.equal(stored?.endedAt, recording.endedAt, "endedAt")
        },
        Guarantee("concurrent saves of different recordings are all kept") { catalog, expect in
            let recordings = try (0..<16).map { index in
                try ConformanceFixtures.minimalRecording(
                    RecordingID(), startedAt: start.addingTimeInterval(Double(index)))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for recording in recordings { group.addTask { try await catalog.save(recording) } }
                try await group.waitForAll()
            }
            try expect.equal(
                try await catalog.recordings(in: .recording).map(\.id), recordings.map(\.id), "the saved recordings")
        },
    ]
}
