import CallVault
import CallVaultAccess
import CallVaultCore
import Foundation

/// The guarantees every `ComplaintStore` and `TrainingRegister` keeps, each with its check.
enum ComplaintStoreConformance {
    static let seam = "ComplaintStore"
    static let start = Date(timeIntervalSince1970: 1_780_000_000.25)

    static func complaint(customer: String? = "customer-1", at time: Date = start) throws -> Complaint {
        try Complaint.receive(
            customerID: customer, channel: "phone", callIDs: ["call-1"], recordingIDs: [RecordingID()],
            text: "Charged twice; the agent said \"it's fixed\" — ünïcode too.", receivedBy: "desk", at: time,
            policy: ComplaintPolicy()
        ).0
    }

    static let guarantees: [Guarantee<any ComplaintStore>] = [
        Guarantee("a saved complaint reads back equal, history and all") { store, expect in
            var complaint = try complaint()
            try await store.save(complaint, replacing: nil)
            let received = complaint
            _ = try complaint.startInvestigation(by: "handler", at: start.addingTimeInterval(60.5), note: "called back")
            try await store.save(complaint, replacing: received)
            try expect.equal(try await store.complaint(complaint.id), complaint, "the complaint")
        },
        Guarantee("an unknown complaint is nil") { store, expect in
            try expect.equal(try await store.complaint(ComplaintID("cmp-none")), nil, "an unknown complaint")
        },
        Guarantee("inserting over an existing id is refused") { store, expect in
            let complaint = try complaint()
            try await store.save(complaint, replacing: nil)
            try await expect.throwing(ComplaintError.changedMeanwhile(complaint.id), "a second insert") {
                try await store.save(complaint, replacing: nil)
            }
        },
        Guarantee("a save on a stale copy is refused and changes nothing") { store, expect in
            let received = try complaint()
            try await store.save(received, replacing: nil)
            var first = received
            _ = try first.startInvestigation(by: "a", at: start)
            try await store.save(first, replacing: received)
            var second = received
            _ = try second.startInvestigation(by: "b", at: start)
            try await expect.throwing(ComplaintError.changedMeanwhile(received.id), "a stale save") {
                try await store.save(second, replacing: received)
            }
            try expect.equal(try await store.complaint(received.id)?.handler, "a", "the handler after a stale save")
        },
        Guarantee("lists by state and by customer, oldest first") { store, expect in
            let late = try complaint(customer: "c-1", at: start.addingTimeInterval(30))
            let early = try complaint(customer: "c-1", at: start)
            var other = try complaint(customer: "c-2", at: start.addingTimeInterval(10))
            for item in [late, early, other] { try await store.save(item, replacing: nil) }
            let received = other
            _ = try other.startInvestigation(by: "h", at: start)
            try await store.save(other, replacing: received)
            try expect.equal(
                try await store.complaints(ofCustomer: "c-1").map(\.id), [early.id, late.id], "c-1's complaints")
            try expect.equal(try await store.complaints(in: [.received]).map(\.id), [early.id, late.id], "received")
            try expect.equal(try await store.complaints(in: [.investigating]).map(\.id), [other.id], "investigating")
            try expect.equal(try await store.complaints(in: []).map(\.id), [], "no states")
        },
        Guarantee("of concurrent saves from the same copy exactly one wins") { store, expect in
            let received = try complaint()
            try await store.save(received, replacing: nil)
            let wins = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<6 {
                    group.addTask {
                        var copy = received
                        guard (try? copy.startInvestigation(by: PrincipalID("h\(index)"), at: start)) != nil else {
                            return false
                        }
                        return (try? await store.save(copy, replacing: received)) != nil
                    }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            try expect.equal(wins, 1, "the number of concurrent saves that succeeded")
        },
    ]
}

/// The guarantees every `TrainingRegister` keeps.
enum TrainingRegisterConformance {
    static let seam = "TrainingRegister"

    static let guarantees: [Guarantee<any TrainingRegister>] = [
        Guarantee("completions read back equal, oldest first, per principal") { register, expect in
            let start = ComplaintStoreConformance.start
            let later = TrainingRecord(
                course: "call-recording-privacy", version: 4, completedAt: start.addingTimeInterval(86_400.5),
                expiresAt: start.addingTimeInterval(400 * 86_400))
            let earlier = TrainingRecord(course: "pci-awareness", version: 1, completedAt: start, expiresAt: nil)
            try await register.record(later, for: "maria")
            try await register.record(earlier, for: "maria")
            try await register.record(earlier, for: "tom")
            try expect.equal(try await register.completions(of: "maria"), [earlier, later], "maria's completions")
            try expect.equal(try await register.completions(of: "nobody"), [], "an untrained principal's")
        },
        Guarantee("recording the same completion twice keeps one") { register, expect in
            let record = TrainingRecord(
                course: "c", version: 2, completedAt: ComplaintStoreConformance.start, expiresAt: nil)
            try await register.record(record, for: "p")
            try await register.record(record, for: "p")
            try expect.equal(try await register.completions(of: "p"), [record], "the completions")
        },
    ]
}
