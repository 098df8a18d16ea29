import CallVaultAccess
import CallVaultCore
import Foundation
import Testing

/// Each condition a rule can carry, holding and failing: a failure denies, and the decision names
/// the rule, the condition and why it failed.
@Suite("Conditions")
struct ConditionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let condition: AccessCondition
        let request: AccessRequest
        /// `nil` when the condition holds; otherwise the failure's detail.
        let failure: String?

        var testDescription: String { "\(condition): \(name)" }
    }

    static let base = World.request(World.maria, .listen, .quality)

    static func with(_ change: (inout AccessRequest) -> Void) -> AccessRequest {
        var request = base
        change(&request)
        return request
    }

    static func training(_ records: TrainingRecord...) -> AccessRequest {
        with { $0.principal.training = records }
    }

    static func mfa(minutesAgo: Double, multiFactor: Bool = true) -> AccessRequest {
        with {
            $0.principal.authentication = Authentication(
                method: "sso", at: World.minutesAgo(minutesAgo), multiFactor: multiFactor)
        }
    }

    static func at(_ text: String) -> AccessRequest { with { $0.at = World.time(text) } }

    static let course = AccessCondition.trainingCurrent(course: "call-recording-privacy", minimumVersion: 3)
    static let missingCourse = "training 'call-recording-privacy' (version 3 or later) is missing or expired"

    static let cases: [Case] = [
        Case(
            name: "the agent on the call", condition: .ownRecordingsOnly, request: with { $0.principal = World.sam },
            failure: nil),
        Case(
            name: "another agent", condition: .ownRecordingsOnly, request: with { $0.principal = World.lee },
            failure: "the recording is not the principal's own call"),
        Case(
            name: "a recording without an agent", condition: .ownRecordingsOnly,
            request: with {
                $0.principal = World.sam
                $0.recording.agentID = nil
            }, failure: "the recording is not the principal's own call"),
        Case(name: "same team", condition: .sameTeam, request: base, failure: nil),
        Case(
            name: "another team", condition: .sameTeam, request: with { $0.principal.team = "sales" },
            failure: "the recording belongs to another team"),
        Case(
            name: "a principal without a team", condition: .sameTeam, request: with { $0.principal.team = nil },
            failure: "the principal has no team"),
        Case(
            name: "a recording without a team", condition: .sameTeam, request: with { $0.recording.team = nil },
            failure: "the recording has no team"),
        Case(name: "current course", condition: course, request: base, failure: nil),
        Case(
            name: "a newer version counts", condition: course,
            request: training(
                TrainingRecord(
                    course: "call-recording-privacy", version: 4, completedAt: World.time("2026-02-01T00:00:00Z"),
                    expiresAt: nil)), failure: nil),
        Case(
            name: "expired", condition: course,
            request: training(
                TrainingRecord(
                    course: "call-recording-privacy", version: 3, completedAt: World.time("2025-01-10T00:00:00Z"),
                    expiresAt: World.time("2026-01-10T00:00:00Z"))), failure: missingCourse),
        Case(
            name: "lapsing at the moment of the request", condition: course,
            request: training(
                TrainingRecord(
                    course: "call-recording-privacy", version: 3, completedAt: World.time("2025-03-02T10:00:00Z"),
                    expiresAt: World.now)), failure: missingCourse),
        Case(
            name: "an older version", condition: course,
            request: training(
                TrainingRecord(
                    course: "call-recording-privacy", version: 2, completedAt: World.time("2026-01-10T00:00:00Z"),
                    expiresAt: nil)), failure: missingCourse),
        Case(
            name: "completed only after the request", condition: course,
            request: training(
                TrainingRecord(
                    course: "call-recording-privacy", version: 3, completedAt: World.time("2026-03-02T11:00:00Z"),
                    expiresAt: nil)), failure: missingCourse),
        Case(
            name: "another course", condition: course,
            request: training(
                TrainingRecord(
                    course: "pci-basics", version: 9, completedAt: World.time("2026-01-10T00:00:00Z"), expiresAt: nil)),
            failure: missingCourse),
        Case(
            name: "any version when none is asked",
            condition: .trainingCurrent(course: "call-recording-privacy", minimumVersion: nil),
            request: training(
                TrainingRecord(
                    course: "call-recording-privacy", version: 1, completedAt: World.time("2026-01-10T00:00:00Z"),
                    expiresAt: nil)), failure: nil),
        Case(
            name: "second factor 10 minutes ago", condition: .multiFactorWithin(minutes: 15),
            request: mfa(minutesAgo: 10), failure: nil),
        Case(
            name: "second factor exactly 15 minutes ago", condition: .multiFactorWithin(minutes: 15),
            request: mfa(minutesAgo: 15), failure: nil),
        Case(
            name: "second factor 16 minutes ago", condition: .multiFactorWithin(minutes: 15),
            request: mfa(minutesAgo: 16),
            failure: "no multi-factor authentication in the last 15 minutes"),
        Case(
            name: "password only", condition: .multiFactorWithin(minutes: 15),
            request: mfa(minutesAgo: 1, multiFactor: false),
            failure: "no multi-factor authentication in the last 15 minutes"),
        Case(
            name: "authenticated in the future", condition: .multiFactorWithin(minutes: 15),
            request: mfa(minutesAgo: -5),
            failure: "no multi-factor authentication in the last 15 minutes"),
        Case(
            name: "inside the hours", condition: .timeWindow(fromHour: 7, toHour: 19),
            request: at("2026-03-02T07:00:00Z"), failure: nil),
        Case(
            name: "at the end hour", condition: .timeWindow(fromHour: 7, toHour: 19),
            request: at("2026-03-02T19:00:00Z"),
            failure: "outside the permitted hours 7:00 to 19:00 UTC"),
        Case(
            name: "just before the start", condition: .timeWindow(fromHour: 7, toHour: 19),
            request: at("2026-03-02T06:59:59Z"),
            failure: "outside the permitted hours 7:00 to 19:00 UTC"),
        Case(
            name: "a night window before midnight", condition: .timeWindow(fromHour: 22, toHour: 6),
            request: at("2026-03-02T23:30:00Z"), failure: nil),
        Case(
            name: "a night window after midnight", condition: .timeWindow(fromHour: 22, toHour: 6),
            request: at("2026-03-03T05:59:00Z"), failure: nil),
        Case(
            name: "a night window at noon", condition: .timeWindow(fromHour: 22, toHour: 6),
            request: at("2026-03-02T12:00:00Z"),
            failure: "outside the permitted hours 22:00 to 6:00 UTC"),
        Case(
            name: "a time before 1970", condition: .timeWindow(fromHour: 20, toHour: 24),
            request: at("1969-12-31T23:00:00Z"), failure: nil),
        Case(
            name: "a reference", condition: .legalReference, request: with { $0.legalReference = "subpoena 26-114" },
            failure: nil),
        Case(
            name: "no reference", condition: .legalReference, request: base,
            failure: "no legal request reference was given"),
        Case(
            name: "a blank reference", condition: .legalReference, request: with { $0.legalReference = "  \t" },
            failure: "no legal request reference was given"),
        Case(
            name: "a justification", condition: .justification, request: with { $0.justification = "complaint 4411" },
            failure: nil),
        Case(
            name: "no justification", condition: .justification, request: base,
            failure: "no written justification was given"),
        Case(
            name: "a blank justification", condition: .justification, request: with { $0.justification = " \n " },
            failure: "no written justification was given"),
        Case(
            name: "two others approved", condition: .approvals(count: 2), request: with { $0.approvals = ["a", "b"] },
            failure: nil),
        Case(
            name: "self-approval does not count", condition: .approvals(count: 2),
            request: with { $0.approvals = ["sup.maria", "b"] },
            failure: "1 of 2 required approvals by other principals"),
        Case(
            name: "no approvals", condition: .approvals(count: 1), request: base,
            failure: "0 of 1 required approvals by other principals"),
        Case(
            name: "sensitive under sensitive", condition: .maximumSensitivity(.sensitive),
            request: with { $0.recording.sensitivity = .sensitive }, failure: nil),
        Case(
            name: "restricted over sensitive", condition: .maximumSensitivity(.sensitive),
            request: with { $0.recording.sensitivity = .restricted },
            failure: "the recording is restricted, above sensitive"),
        Case(name: "a covered queue", condition: .queues(["billing-support", "sales"]), request: base, failure: nil),
        Case(
            name: "another queue", condition: .queues(["sales"]), request: base,
            failure: "the recording's queue is not covered"),
        Case(
            name: "no queue", condition: .queues(["sales"]), request: with { $0.recording.queue = nil },
            failure: "the recording's queue is not covered"),
    ]

    static func policy(_ conditions: [AccessCondition], effect: AccessRule.Effect = .allow) throws -> AccessPolicy {
        try AccessPolicy(
            version: "conditions",
            rules: [
                AccessRule(
                    id: "r", effect: effect, roles: ["supervisor", "agent"], actions: [.listen], conditions: conditions)
            ])
    }

    @Test(arguments: cases)
    func allowRule(_ example: Case) throws {
        let decision = try Self.policy([example.condition]).decide(example.request)
        if let failure = example.failure {
            #expect(!decision.isAllowed)
            #expect(
                decision.reasons == [.conditionFailed(rule: "r", condition: example.condition, detail: failure)],
                "\(decision)")
            #expect(decision.description.contains("rule r needs \(example.condition): \(failure)"))
        } else {
            #expect(decision.isAllowed, "\(decision)")
            #expect(decision.reasons == [.allowedBy(rule: "r")])
        }
    }

    /// A deny rule applies only when its conditions hold, so the same table read through a deny
    /// (beside an allow) gives the opposite outcome.
    @Test(arguments: cases)
    func denyRule(_ example: Case) throws {
        let policy = try AccessPolicy(
            version: "conditions",
            rules: [
                AccessRule(
                    id: "deny", effect: .deny, roles: ["supervisor", "agent"], actions: [.listen],
                    conditions: [example.condition]),
                AccessRule(id: "allow", effect: .allow, roles: ["supervisor", "agent"], actions: [.listen]),
            ])
        let decision = policy.decide(example.request)
        if example.failure == nil {
            #expect(decision.reasons == [.deniedBy(rule: "deny")], "\(decision)")
        } else {
            #expect(decision.reasons == [.allowedBy(rule: "allow")], "\(decision)")
        }
    }

    @Test("every failed condition of a rule is reported, in the rule's order")
    func everyFailureReported() throws {
        let conditions: [AccessCondition] = [
            .sameTeam, .multiFactorWithin(minutes: 5), .legalReference, .justification,
        ]
        var request = Self.base
        request.principal.team = "sales"
        request.justification = "complaint 4411"
        let decision = try Self.policy(conditions).decide(request)
        #expect(!decision.isAllowed)
        #expect(
            decision.labels == [
                "condition:r:same team", "condition:r:multi-factor authentication within 5 minutes",
                "condition:r:a legal request reference",
            ])
    }

    @Test("failures of several rules are all reported; any rule that holds allows")
    func severalRules() throws {
        let policy = try AccessPolicy(
            version: "v",
            rules: [
                AccessRule(
                    id: "team", effect: .allow, roles: ["supervisor"], actions: [.listen], conditions: [.sameTeam]),
                AccessRule(
                    id: "queue", effect: .allow, roles: ["supervisor"], actions: [.listen],
                    conditions: [.queues(["sales"])]),
            ])
        #expect(
            policy.decide(World.request(World.omar, .listen, .quality)).labels == [
                "condition:team:same team", "condition:queue:queue in sales",
            ])
        #expect(policy.decide(World.request(World.maria, .listen, .quality)).labels == ["allowed-by:team"])
    }

    @Test("condition descriptions read as a rule's needs")
    func descriptions() {
        #expect(AccessCondition.ownRecordingsOnly.description == "own recordings only")
        #expect(
            AccessCondition.trainingCurrent(course: "c", minimumVersion: 2).description
                == "training 'c' current (version 2+)")
        #expect(AccessCondition.trainingCurrent(course: "c", minimumVersion: nil).description == "training 'c' current")
        #expect(AccessCondition.timeWindow(fromHour: 7, toHour: 19).description == "between 7:00 and 19:00 UTC")
        #expect(AccessCondition.approvals(count: 2).description == "approval by 2 other principals")
        #expect(AccessCondition.maximumSensitivity(.normal).description == "sensitivity at most normal")
        #expect(AccessCondition.queues(["b", "a"]).description == "queue in a, b")
    }
}
