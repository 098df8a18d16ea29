import CallVaultCore
import CallVaultCrypto
import Foundation
import Testing

@testable import CallVaultAudit

/// The hash chain as a value: deterministic, covering every field and the header, with each of
/// its three uses (genesis, entries, checkpoints) in its own domain.
@Suite("Audit chain: hashing")
struct AuditChainTests {
    static let logID = UUID(uuid: (9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5, 6))
    static let signer = [UInt8](repeating: 0xA5, count: 32)
    static let created: Int64 = 1_795_000_000_250

    static func chain() -> AuditChain {
        AuditChain(logID: logID, signer: signer, created: created)
    }

    static let base = AuditRecord(
        actor: "sup.maria", action: .accessDecision, target: "recording:abc", purpose: .quality, outcome: .allowed,
        reasons: ["rule a", "rule b"], eventID: "event-1")

    @Test("the same header and records give the same hashes, in any chain built from them")
    func deterministic() {
        var first = Self.chain()
        var second = Self.chain()
        for index in 0..<20 {
            let record = AuditFixture.record(index)
            let a = first.append(record, at: 1_000 + Int64(index))
            let b = second.append(record, at: 1_000 + Int64(index))
            #expect(a == b)
            #expect(a.hash.count == 32)
            #expect(a.sequence == UInt64(index + 1))
        }
        #expect(first.head == second.head)
    }

    @Test("a chain continued from a sequence and head goes on exactly as the original")
    func continued() {
        var original = Self.chain()
        for index in 0..<5 { _ = original.append(AuditFixture.record(index), at: Int64(index)) }
        var resumed = AuditChain(
            logID: Self.logID, signer: Self.signer, created: Self.created, sequence: original.sequence,
            head: original.head)
        #expect(original.append(Self.base, at: 99) == resumed.append(Self.base, at: 99))
        let empty = AuditChain(logID: Self.logID, signer: Self.signer, created: Self.created, sequence: 0, head: [])
        #expect(empty.head == Self.chain().head, "an empty chain starts from the genesis hash, whatever head is given")
    }

    @Test(
        "every header field changes the genesis hash, and so every entry after it",
        arguments: [
            ("log id", AuditChain(logID: UUID(), signer: signer, created: created)),
            ("signer", AuditChain(logID: logID, signer: [UInt8](repeating: 0xA4, count: 32), created: created)),
            ("created", AuditChain(logID: logID, signer: signer, created: created + 1)),
        ])
    func headerCovered(field: String, changed: AuditChain) {
        var original = Self.chain()
        var other = changed
        #expect(original.head != other.head, "\(field)")
        #expect(original.append(Self.base, at: 5).hash != other.append(Self.base, at: 5).hash, "\(field)")
    }

    /// One field changed at a time, including changes that keep the concatenated text the same.
    static let edits: [(String, @Sendable (inout AuditRecord) -> Void)] = [
        ("actor", { $0.actor = "sup.marie" }),
        ("action", { $0.action = .grantUse }),
        ("target", { $0.target = "recording:abd" }),
        ("purpose removed", { $0.purpose = nil }),
        ("purpose changed", { $0.purpose = .training }),
        ("outcome", { $0.outcome = .denied }),
        ("reason changed", { $0.reasons[0] = "rule c" }),
        ("reason added", { $0.reasons.append("") }),
        ("reason removed", { $0.reasons.removeLast() }),
        ("reasons reordered", { $0.reasons.reverse() }),
        ("reasons joined", { $0.reasons = ["rule arule b"] }),
        (
            "text moved between target and first reason",
            {
                $0.target = "recording:abcrule a"; $0.reasons[0] = ""
            }
        ),
        ("event removed", { $0.eventID = nil }),
        ("event empty", { $0.eventID = "" }),
        ("event changed", { $0.eventID = "event-2" }),
    ]

    @Test("every field of a record is covered by the entry's hash", arguments: edits.indices)
    func fieldCovered(index: Int) {
        let (name, edit) = Self.edits[index]
        var edited = Self.base
        edit(&edited)
        var a = Self.chain()
        var b = Self.chain()
        #expect(a.append(Self.base, at: 7).hash != b.append(edited, at: 7).hash, "\(name)")
    }

    @Test("the time and the position are covered by the entry's hash")
    func timeAndSequenceCovered() {
        let head = Self.chain().head
        let reference = AuditChain.hash(previous: head, sequence: 1, time: 7, record: Self.base)
        #expect(AuditChain.hash(previous: head, sequence: 1, time: 8, record: Self.base) != reference)
        #expect(AuditChain.hash(previous: head, sequence: 2, time: 7, record: Self.base) != reference)
        #expect(AuditChain.hash(previous: head, sequence: 1, time: -7, record: Self.base) != reference)
        var previous = head
        previous[0] ^= 1
        #expect(AuditChain.hash(previous: previous, sequence: 1, time: 7, record: Self.base) != reference)
    }

    @Test("the hashes are the documented ones: BLAKE2b-256 over the domain, previous hash and canonical bytes")
    func documentedHashes() throws {
        let header = ReferenceHeader(logID: Self.logID, signer: Self.signer, created: Self.created)
        var chain = Self.chain()
        #expect(chain.head == header.genesis)
        var previous = header.genesis
        for index in 0..<10 {
            let entry = chain.append(AuditFixture.record(index), at: Self.created + Int64(index))
            var line: [UInt8] = []
            AuditLineFormat.entry(entry, into: &line)
            let reference = try ReferenceEntry(line: line)
            #expect(reference.line == line, "the line is written as documented")
            #expect(entry.hash == reference.expectedHash(previous: previous))
            previous = entry.hash
        }
        let message = chain.checkpointMessage(timestamp: 42)
        #expect(
            message
                == Reference.checkpointMessage(logID: Self.logID, sequence: 10, head: chain.head, time: 42))
    }

    @Test("a fixed vector, so a change to the format cannot pass unnoticed")
    func knownAnswer() {
        var chain = Self.chain()
        let entry = chain.append(Self.base, at: Self.created)
        #expect(Reference.hex(Self.chain().head) == Self.genesisVector)
        #expect(Reference.hex(entry.hash) == Self.entryVector)
    }

    static let genesisVector = "9a448e8bd74a129553ed78cb36ed68d61793b1a3e37dc81eb7a6729bd2f1b1f9"
    static let entryVector = "b9ed8a2da5eb00ae487be51c3ec1a0411806443240d6ccb7e691bb5a38fccb17"

    @Test("the three domains differ and none is a prefix of another")
    func domainSeparation() {
        let domains = [AuditChain.entryDomain, AuditChain.genesisDomain, AuditChain.checkpointDomain]
        for (i, a) in domains.enumerated() {
            for (j, b) in domains.enumerated() where i != j {
                #expect(!a.starts(with: b))
            }
        }
        // Without its domain, the same bytes hash to something else.
        let head = Self.chain().head
        var canonical: [UInt8] = []
        AuditChain.canonicalBytes(sequence: 1, time: 7, record: Self.base, into: &canonical)
        let withDomain = AuditChain.hash(previous: head, sequence: 1, time: 7, record: Self.base)
        #expect(withDomain == AuditChain.digest(AuditChain.entryDomain + head + canonical))
        #expect(withDomain != AuditChain.digest(head + canonical))
        #expect(withDomain != AuditChain.digest(AuditChain.genesisDomain + head + canonical))
        // A checkpoint message is never the input of an entry hash: its domain comes first.
        let message = Self.chain().checkpointMessage(timestamp: 7)
        #expect(message.starts(with: AuditChain.checkpointDomain))
        #expect(!message.starts(with: AuditChain.entryDomain))
    }
}
