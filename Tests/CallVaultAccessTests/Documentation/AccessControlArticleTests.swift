import CallVaultAccess
import CallVaultCore
import Foundation
import Testing

/// The "Access control" article's sample files are the ones in `Examples/policies`, and the
/// decisions it states are the ones the policy makes, so the article cannot drift from the code.
@Suite("The Access control article")
struct AccessControlArticleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

    static let articlePath = "Sources/CallVaultAccess/CallVaultAccess.docc/AccessControl.md"

    /// The article's fenced code blocks: language and body.
    static func blocks() throws -> [(language: String, body: String)] {
        var blocks: [(language: String, body: String)] = []
        var current: (language: String, lines: [String])?
        for line in try text(articlePath).components(separatedBy: "\n") {
            if line.hasPrefix("```") {
                if let open = current {
                    blocks.append((open.language, open.lines.joined(separator: "\n")))
                    current = nil
                } else {
                    current = (String(line.dropFirst(3)), [])
                }
            } else {
                current?.lines.append(line)
            }
        }
        return blocks
    }

    /// The one JSON block of the article holding `key`.
    static func jsonBlock(containing key: String) throws -> String {
        let matching = try blocks().filter { $0.language == "json" && $0.body.contains("\"\(key)\"") }
        try #require(matching.count == 1, "the article should have one JSON block with \"\(key)\"")
        return matching[0].body
    }

    static func example(_ name: String) throws -> String {
        try text("Examples/policies/\(name)").trimmingCharacters(in: .newlines)
    }

    struct Sample {
        let policy: AccessPolicy
        let maria: Principal
        let recording: RecordingAccessAttributes
    }

    /// The article's blocks, checked against the example files, then read.
    static func sample() throws -> Sample {
        let policy = try jsonBlock(containing: "rules")
        let principal = try jsonBlock(containing: "authentication")
        let recording = try jsonBlock(containing: "recordingID")
        #expect(
            policy == (try example("access-policy.json")),
            "the article's policy is Examples/policies/access-policy.json")
        #expect(
            principal == (try example("principal.json")), "the article's principal is Examples/policies/principal.json")
        #expect(
            recording == (try example("recording.json")), "the article's recording is Examples/policies/recording.json")
        return Sample(
            policy: try AccessPolicy(json: policy), maria: try Principal(json: principal),
            recording: try RecordingAccessAttributes(json: recording))
    }

    static let ten = World.time("2026-03-02T10:00:00Z")

    static func decide(
        _ sample: Sample, as principal: Principal? = nil, _ action: AccessAction, _ purpose: Purpose,
        at time: Date = ten,
        justification: String? = nil, approvals: Set<PrincipalID> = []
    ) -> AccessDecision {
        sample.policy.decide(
            AccessRequest(
                principal: principal ?? sample.maria, action: action, recording: sample.recording, purpose: purpose,
                at: time, justification: justification, approvals: approvals))
    }

    @Test("the sample files are read as the article describes them")
    func sampleFiles() throws {
        let sample = try Self.sample()
        #expect(sample.policy.version == "acme-2026-03")
        #expect(sample.policy.rules.count == 11)
        #expect(sample.policy.rules.last?.effect == .deny)
        #expect(sample.maria.id == "sup.maria")
        #expect(sample.maria.roles == ["supervisor"])
        #expect(sample.maria.team == "billing")
        #expect(sample.maria.authentication.at == World.time("2026-03-02T09:50:00Z"))
        #expect(sample.recording.agentID == "agent.sam")
        #expect(sample.recording.disclosedPurposes == [.quality, .training, .disputeResolution])
    }

    @Test("Maria may listen for quality at 10:00, with a reusable fifteen-minute grant")
    func allowed() throws {
        let decision = Self.decide(try Self.sample(), .listen, .quality)
        #expect(decision.isAllowed)
        #expect(decision.reasons == [.allowedBy(rule: "supervisors-review-team-calls")])
        #expect(decision.expiresAt == World.time("2026-03-02T10:15:00Z"))
        #expect(!decision.obligations.singleUse)
        #expect(!decision.obligations.watermark)
        #expect(!decision.obligations.notifyCompliance)
    }

    @Test("an hour later her second factor is too old")
    func anHourLater() throws {
        let decision = Self.decide(try Self.sample(), .listen, .quality, at: World.time("2026-03-02T11:00:00Z"))
        #expect(!decision.isAllowed)
        #expect(
            decision.reasons == [
                .conditionFailed(
                    rule: "supervisors-review-team-calls", condition: .multiFactorWithin(minutes: 60),
                    detail: "no multi-factor authentication in the last 60 minutes")
            ])
    }

    @Test("a download for training needs another principal's approval; approved, it is watermarked")
    func download() throws {
        let sample = try Self.sample()
        let alone = Self.decide(sample, .download, .training)
        #expect(!alone.isAllowed)
        #expect(alone.labels == ["condition:supervisors-download-for-coaching:approval by 1 other principal"])
        let approved = Self.decide(sample, .download, .training, approvals: ["sup.omar"])
        #expect(approved.isAllowed)
        #expect(
            approved.obligations == AccessObligations(grantLifetime: .seconds(120), singleUse: true, watermark: true))
    }

    @Test("a contractor's approved download is denied: the deny overrides the allow")
    func denyOverrides() throws {
        let sample = try Self.sample()
        var contractor = sample.maria
        contractor.roles.insert("contractor")
        let decision = Self.decide(sample, as: contractor, .download, .training, approvals: ["sup.omar"])
        #expect(decision.reasons == [.deniedBy(rule: "no-copies-by-contractors")])
    }

    @Test("listening for a customer request needs new consent")
    func needsNewConsent() throws {
        let decision = Self.decide(try Self.sample(), .listen, .customerRequest)
        #expect(decision.labels == ["needs-new-consent", "no-rule"])
    }

    @Test("break-glass is allowed to an incident commander with a justification, and always flagged")
    func breakGlass() throws {
        let sample = try Self.sample()
        var commander = sample.maria
        commander.roles = ["incident-commander"]
        let allowed = Self.decide(
            sample, as: commander, .breakGlass, .disputeResolution, justification: "caller in danger")
        #expect(allowed.isAllowed)
        #expect(allowed.isBreakGlass)
        #expect(allowed.obligations.notifyCompliance)
        let unjustified = Self.decide(sample, as: commander, .breakGlass, .disputeResolution)
        #expect(!unjustified.isAllowed)
        #expect(unjustified.isBreakGlass)
        #expect(unjustified.reasons == [.breakGlassWithoutJustification])
    }

    @Test("lapsed training denies with the reason the article quotes")
    func training() throws {
        let sample = try Self.sample()
        var lapsed = sample.maria
        lapsed.training = [
            TrainingRecord(
                course: "call-recording-privacy", version: 3, completedAt: World.time("2025-01-10T00:00:00Z"),
                expiresAt: World.time("2026-01-10T00:00:00Z"))
        ]
        let detail = "training 'call-recording-privacy' (version 3 or later) is missing or expired"
        let decision = Self.decide(sample, as: lapsed, .listen, .quality)
        #expect(
            decision.reasons == [
                .conditionFailed(
                    rule: "supervisors-review-team-calls",
                    condition: .trainingCurrent(course: "call-recording-privacy", minimumVersion: 3), detail: detail)
            ])
        let article = try Self.text(Self.articlePath).replacingOccurrences(of: "\n", with: " ")
        #expect(article.contains("`\(detail)`"), "the article quotes the reason")
    }

    @Test("the sample's custom purpose reaches only the fraud team, and only with consent")
    func customPurpose() throws {
        let sample = try Self.sample()
        let fraud = try Purpose("fraud-prevention")
        var analyst = sample.maria
        analyst.roles = ["fraud-analyst"]
        var cardsCall = sample.recording
        cardsCall.queue = "cards"
        let untold = sample.policy.decide(
            AccessRequest(principal: analyst, action: .listen, recording: cardsCall, purpose: fraud, at: Self.ten))
        #expect(untold.labels == ["needs-new-consent"])
        cardsCall.disclosedPurposes.insert(fraud)
        let told = sample.policy.decide(
            AccessRequest(principal: analyst, action: .listen, recording: cardsCall, purpose: fraud, at: Self.ten))
        #expect(told.reasons == [.allowedBy(rule: "fraud-team-listen")])
    }

    @Test("offline: who can listen to Sam's call for training")
    func offline() throws {
        let sample = try Self.sample()
        var sam = World.sam
        sam.training = [World.privacyCourse]
        var omar = sample.maria
        omar.id = "sup.omar"
        omar.team = "sales"
        let allowed = sample.policy.principals(
            allowedTo: .listen, recording: sample.recording, purpose: .training, among: [sample.maria, sam, omar],
            at: Self.ten)
        #expect(allowed.map(\.principal) == ["sup.maria", "agent.sam"])
    }
}
