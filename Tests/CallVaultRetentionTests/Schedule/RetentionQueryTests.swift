import CallVaultCore
import CallVaultRetention
import Foundation
import Testing

/// Which recordings a query matches: every condition given must hold, a set condition holds when
/// the recording has any of its values, and a policy whose query matches joins the schedule.
@Suite("Retention queries and policy matching")
struct RetentionQueryTests {
    typealias F = ScheduleFixture

    /// A sales call from California with one tag, purpose, customer and agent.
    static func salesCall() throws -> RecordingRetentionAttributes {
        try F.recording(
            in: ["US-CA"], declared: ["us-ftc-tsr-310-5"], purposes: [.disputeResolution], tags: ["vip"],
            queue: "sales", lineOfBusiness: "retail-banking", customer: "C-1042", agent: "A-7")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let query: RetentionQuery
        let matches: Bool

        var testDescription: String { name }
    }

    static func cases() throws -> [Case] {
        let start = try F.start()
        func place(_ code: String) throws -> Jurisdiction { try Jurisdiction(parsing: code) }
        return [
            Case(name: "no conditions", query: RetentionQuery(), matches: true),
            Case(name: "its queue", query: RetentionQuery(queues: ["support", "sales"]), matches: true),
            Case(name: "another queue", query: RetentionQuery(queues: ["support"]), matches: false),
            Case(name: "an empty queue set", query: RetentionQuery(queues: []), matches: false),
            Case(
                name: "its line of business", query: RetentionQuery(linesOfBusiness: ["retail-banking"]), matches: true),
            Case(
                name: "another line of business", query: RetentionQuery(linesOfBusiness: ["mortgages"]), matches: false),
            Case(name: "one of its tags", query: RetentionQuery(tags: ["vip", "escalated"]), matches: true),
            Case(name: "no tag of its", query: RetentionQuery(tags: ["escalated"]), matches: false),
            Case(name: "its country", query: RetentionQuery(jurisdictions: [try place("US")]), matches: true),
            Case(name: "its state", query: RetentionQuery(jurisdictions: [try place("US-CA")]), matches: true),
            Case(name: "another state", query: RetentionQuery(jurisdictions: [try place("US-NY")]), matches: false),
            Case(name: "the EU", query: RetentionQuery(jurisdictions: [.europeanUnion]), matches: false),
            Case(name: "its purpose", query: RetentionQuery(purposes: [.disputeResolution, .quality]), matches: true),
            Case(name: "another purpose", query: RetentionQuery(purposes: [.quality]), matches: false),
            Case(name: "its declared regime", query: RetentionQuery(regimes: ["us-ftc-tsr-310-5"]), matches: true),
            Case(name: "another regime", query: RetentionQuery(regimes: ["eu-mifid2-16-7"]), matches: false),
            Case(name: "its customer", query: RetentionQuery(customerIDs: ["C-1042"]), matches: true),
            Case(name: "another customer", query: RetentionQuery(customerIDs: ["C-1043"]), matches: false),
            Case(name: "its agent", query: RetentionQuery(agentIDs: ["A-7"]), matches: true),
            Case(name: "another agent", query: RetentionQuery(agentIDs: ["A-8"]), matches: false),
            Case(name: "started at the lower bound", query: RetentionQuery(startedAtOrAfter: start), matches: true),
            Case(
                name: "started a second before the lower bound",
                query: RetentionQuery(startedAtOrAfter: start.addingTimeInterval(1)), matches: false),
            Case(name: "started at the upper bound", query: RetentionQuery(startedBefore: start), matches: false),
            Case(
                name: "started a second before the upper bound",
                query: RetentionQuery(startedBefore: start.addingTimeInterval(1)), matches: true),
            Case(
                name: "every condition holds",
                query: RetentionQuery(
                    queues: ["sales"], linesOfBusiness: ["retail-banking"], purposes: [.disputeResolution],
                    tags: ["vip"],
                    jurisdictions: [try place("US")], regimes: ["us-ftc-tsr-310-5"], customerIDs: ["C-1042"],
                    agentIDs: ["A-7"], startedAtOrAfter: start, startedBefore: start.addingTimeInterval(60)),
                matches: true),
            Case(
                name: "one condition of two fails", query: RetentionQuery(queues: ["sales"], tags: ["escalated"]),
                matches: false),
        ]
    }

    @Test("each condition, alone and together")
    func conditions() throws {
        let recording = try Self.salesCall()
        let cases = try Self.cases()
        #expect(cases.count == 26)
        for entry in cases {
            #expect(entry.query.matches(recording) == entry.matches, "\(entry.name)")
            #expect(entry.query.isEmpty == (entry.name == "no conditions"), "\(entry.name)")
        }
    }

    @Test("a recording without a queue, line of business, customer or agent never meets those conditions")
    func missingAttributes() throws {
        let bare = try F.recording(in: ["US-CA"])
        #expect(!RetentionQuery(queues: ["sales"]).matches(bare))
        #expect(!RetentionQuery(linesOfBusiness: ["retail-banking"]).matches(bare))
        #expect(!RetentionQuery(customerIDs: ["C-1042"]).matches(bare))
        #expect(!RetentionQuery(agentIDs: ["A-7"]).matches(bare))
        #expect(!RetentionQuery(purposes: [.quality]).matches(bare))
        #expect(RetentionQuery().matches(bare))
    }

    /// A policy keeping matched recordings two years joins the schedule exactly when its query matches.
    @Test("a matching policy sets the schedule, a non-matching one does not")
    func policiesFollowTheirQuery() throws {
        let recording = try Self.salesCall()
        let twoYearsFromStart = try CatalogFixture.instant("2028-01-15T10:00:00Z")
        let ftcFiveYears = try CatalogFixture.instant("2031-01-15T10:30:00Z")
        for entry in try Self.cases() {
            let policy = try F.policy("acme-matched", match: entry.query, maximum: "P2Y")
            let schedule = try F.scheduler("acme-q", [policy]).schedule(for: recording)
            let applied = schedule.reasons.contains { $0.rule == "acme-matched" }
            #expect(applied == entry.matches, "\(entry.name)")
            // FTC TSR keeps it five years whatever the policy; a matched two-year maximum conflicts with it.
            #expect(schedule.keepUntil == ftcFiveYears, "\(entry.name)")
            #expect(schedule.deleteBy == (entry.matches ? ftcFiveYears : nil), "\(entry.name)")
            #expect(schedule.restrictedFrom == (entry.matches ? twoYearsFromStart : nil), "\(entry.name)")
        }
    }

    @Test("JSON: known conditions round-trip; an unknown one is refused, naming it")
    func json() throws {
        let query = RetentionQuery(
            queues: ["sales"], purposes: [.quality], tags: ["vip"], jurisdictions: [try Jurisdiction(parsing: "us-ca")],
            regimes: ["us-ftc-tsr-310-5"], startedAtOrAfter: try F.start())
        let data = try JSONEncoder().encode(query)
        #expect(try JSONDecoder().decode(RetentionQuery.self, from: data) == query)
        #expect(try JSONDecoder().decode(RetentionQuery.self, from: Data("{}".utf8)).isEmpty)

        #expect {
            try JSONDecoder().decode(RetentionQuery.self, from: Data(#"{"queus": ["sales"]}"#.utf8))
        } throws: { error in
            guard case .dataCorrupted(let context) = error as? DecodingError else { return false }
            return context.debugDescription.hasPrefix("unknown condition 'queus'")
        }
    }
}
