import CallVaultAccess
import CallVaultCore
import Foundation

/// The access policy of a large contact center, as a policy file, and a seeded mix of requests
/// against it.
///
/// The organisation: six lines of business (retail banking, cards, mortgages, collections,
/// insurance, wealth), sixty teams with three queues each (voice, callback, escalations), and about
/// 250 roles: a supervisor, team lead and agent role per team, quality, training, complaints,
/// workforce, operations and escalation roles per line of business, three outsourced QA vendors,
/// and the organisation-wide compliance, legal, privacy, records, fraud and security roles.
///
/// The 1,000-rule policy has sixteen rules per team (960) and forty organisation-wide ones, five of
/// them denies (agents never download, vendors never reach private-banking queues, nobody downloads
/// at night, trainers never use legal recordings, no one but compliance exports for a court). The
/// 10-rule policy is the same organisation shrunk to one team and its essential rules.
///
/// Requests are weighted as a contact center makes them: most are supervisors and QA analysts
/// listening for quality, then agents reviewing their own calls, complaints handlers, trainers, and
/// now and then compliance, fraud, a vendor out of hours, an undisclosed purpose or break-glass.
public struct PolicyMix: Sendable {
    /// The policy file's text.
    public let json: String
    /// The policy, read from ``json`` through `AccessPolicy(json:)`.
    public let policy: AccessPolicy
    /// The requests, cycled by the benchmarks.
    public let requests: [AccessRequest]

    static let linesOfBusiness = ["retail", "cards", "mortgages", "collections", "insurance", "wealth"]
    static let vendors = ["northshore", "bluepeak", "kestrel"]
    /// When requests are made: 10:00 UTC on a working day, inside the vendors' hours.
    static let now = Date(timeIntervalSince1970: 1_795_860_000)  // 2026-11-29T10:00:00Z
    /// The night, when downloads are denied and vendors are outside their hours.
    static let night = Date(timeIntervalSince1970: 1_795_860_000 - 8 * 3600)

    /// The 1,000-rule policy with requests over all sixty teams.
    public static func large(requestCount: Int = 4_096) throws -> PolicyMix {
        try PolicyMix(teams: 60, ruleFilter: nil, requestCount: requestCount)
    }

    /// The 10-rule policy (one team) with the same kinds of request, for that team.
    public static func small(requestCount: Int = 4_096) throws -> PolicyMix {
        try PolicyMix(teams: 1, ruleFilter: smallPolicyRules, requestCount: requestCount)
    }

    static let smallPolicyRules: Set<String> = [
        "t01-supervisor-listen", "t01-agent-own-listen", "t01-qa-listen", "t01-trainer-listen",
        "t01-complaints-download", "compliance-export-legal", "break-glass", "records-hold-place",
        "deny-agents-download", "deny-download-at-night",
    ]

    init(teams: Int, ruleFilter: Set<String>?, requestCount: Int) throws {
        var rules = Self.globalRules(teams: teams)
        for team in 1...teams { rules += Self.teamRules(team) }
        if let ruleFilter { rules = rules.filter { ruleFilter.contains($0.id) } }
        json =
            "{\n  \"version\": \"acme-contact-center-2026-11\",\n  \"rules\": [\n    "
            + rules.map(\.json).joined(separator: ",\n    ") + "\n  ]\n}\n"
        policy = try AccessPolicy(json: json)
        var generator = MixRandom(seed: 0xACCE55)
        requests = try (0..<requestCount).map { _ in try Self.request(teams: teams, using: &generator) }
    }

    // MARK: Rules

    struct Rule {
        let id: String
        let json: String
    }

    static func team(_ number: Int) -> String { number < 10 ? "t0\(number)" : "t\(number)" }
    static func lineOfBusiness(_ team: Int) -> String { linesOfBusiness[team % linesOfBusiness.count] }
    static func vendor(_ team: Int) -> String { vendors[team % vendors.count] }
    static func queues(_ team: Int) -> [String] {
        let prefix = "\(lineOfBusiness(team))-\(Self.team(team))"
        return ["\(prefix)-voice", "\(prefix)-callback", "\(prefix)-escalations"]
    }

    static func list(_ values: [String]) -> String {
        "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    static func rule(
        _ id: String, _ effect: String = "allow", roles: [String], actions: [String], purposes: [String]? = nil,
        conditions: String? = nil, obligations: String? = nil
    ) -> Rule {
        var text = "{ \"id\": \"\(id)\", \"effect\": \"\(effect)\", \"roles\": \(list(roles)), "
        text += "\"actions\": \(list(actions))"
        if let purposes { text += ", \"purposes\": \(list(purposes))" }
        if let conditions { text += ", \"conditions\": { \(conditions) }" }
        if let obligations { text += ", \"obligations\": { \(obligations) }" }
        return Rule(id: id, json: text + " }")
    }

    /// Sixteen rules per team: who may reach its calls, for what, under which conditions.
    static func teamRules(_ number: Int) -> [Rule] {
        let team = Self.team(number)
        let lob = lineOfBusiness(number)
        let queues = list(Self.queues(number))
        let escalations = list([Self.queues(number)[2]])
        let privacy = "\"trainingCurrent\": \"call-recording-privacy\""
        return [
            rule(
                "\(team)-supervisor-listen", roles: ["supervisor-\(team)"], actions: ["listen", "view-metadata"],
                purposes: ["quality", "training"],
                conditions: "\"sameTeam\": true, \(privacy), \"mfaWithinMinutes\": 60"),
            rule(
                "\(team)-supervisor-transcript", roles: ["supervisor-\(team)"], actions: ["view-transcript"],
                purposes: ["quality", "dispute-resolution"], conditions: "\"sameTeam\": true, \(privacy)"),
            rule(
                "\(team)-team-lead-listen", roles: ["team-lead-\(team)"], actions: ["listen", "view-metadata"],
                purposes: ["quality"], conditions: "\"sameTeam\": true, \"maximumSensitivity\": \"normal\""),
            rule(
                "\(team)-agent-own-listen", roles: ["agent-\(team)"], actions: ["listen", "view-metadata"],
                purposes: ["training", "customer-request"], conditions: "\"ownRecordingsOnly\": true"),
            rule(
                "\(team)-agent-own-transcript", roles: ["agent-\(team)"], actions: ["view-transcript"],
                purposes: ["training"],
                conditions:
                    "\"ownRecordingsOnly\": true, \"trainingCurrent\": { \"course\": \"self-review\", \"minimumVersion\": 2 }"
            ),
            rule(
                "\(team)-qa-listen", roles: ["qa-\(lob)", "qa-lead-\(lob)"],
                actions: ["listen", "view-transcript", "view-metadata"], purposes: ["quality"],
                conditions: "\"queues\": \(queues), \(privacy)"),
            rule(
                "\(team)-qa-calibration", roles: ["qa-lead-\(lob)"], actions: ["download"],
                purposes: ["quality", "training"], conditions: "\"queues\": \(queues), \"mfaWithinMinutes\": 30",
                obligations: "\"watermark\": true, \"grantLifetimeSeconds\": 600"),
            rule(
                "\(team)-trainer-listen", roles: ["trainer-\(lob)"], actions: ["listen", "view-transcript"],
                purposes: ["training"], conditions: "\"queues\": \(queues), \"maximumSensitivity\": \"normal\""),
            rule(
                "\(team)-trainer-download", roles: ["trainer-\(lob)"], actions: ["download"], purposes: ["training"],
                conditions: "\"queues\": \(queues), \"maximumSensitivity\": \"normal\", \"approvals\": 1",
                obligations: "\"watermark\": true"),
            rule(
                "\(team)-complaints-listen", roles: ["complaints-\(lob)"],
                actions: ["listen", "view-transcript", "view-metadata"],
                purposes: ["dispute-resolution", "customer-request"],
                conditions: "\"queues\": \(queues), \"mfaWithinMinutes\": 60"),
            rule(
                "\(team)-complaints-download", roles: ["complaints-\(lob)"], actions: ["download"],
                purposes: ["customer-request", "dispute-resolution"],
                conditions: "\"queues\": \(queues), \"mfaWithinMinutes\": 15, \"justification\": true",
                obligations: "\"watermark\": true, \"singleUse\": true, \"grantLifetimeSeconds\": 120"),
            rule(
                "\(team)-workforce-metadata", roles: ["workforce-\(lob)"], actions: ["view-metadata"],
                conditions: "\"queues\": \(queues)"),
            rule(
                "\(team)-vendor-qa-listen", roles: ["vendor-qa-\(vendor(number))"], actions: ["listen"],
                purposes: ["quality"],
                conditions:
                    "\"queues\": \(queues), \"hoursUTC\": [7, 19], \"maximumSensitivity\": \"normal\", \"trainingCurrent\": \"vendor-privacy\""
            ),
            rule(
                "\(team)-fraud-listen", roles: ["fraud-analyst"], actions: ["listen", "view-transcript"],
                purposes: ["dispute-resolution", "legal-regulatory"],
                conditions: "\"queues\": \(queues), \"mfaWithinMinutes\": 15, \"justification\": true"),
            rule(
                "\(team)-operations-review", roles: ["operations-manager-\(lob)"],
                actions: ["view-metadata", "view-transcript"], purposes: ["quality"],
                conditions: "\"queues\": \(queues)"),
            rule(
                "\(team)-escalations-listen", roles: ["escalations-\(lob)"], actions: ["listen"],
                purposes: ["dispute-resolution"], conditions: "\"queues\": \(escalations), \(privacy)"),
        ]
    }

    /// Forty organisation-wide rules, five of them denies.
    static func globalRules(teams: Int) -> [Rule] {
        let agents = (1...teams).map { "agent-\(team($0))" }
        let vendorRoles = vendors.map { "vendor-qa-\($0)" }
        let trainers = linesOfBusiness.map { "trainer-\($0)" }
        let wealthQueues = (1...teams).filter { lineOfBusiness($0) == "wealth" }.flatMap { queues($0) }
        var rules = [
            rule("deny-agents-download", "deny", roles: agents, actions: ["download", "export-legal"]),
            rule(
                "deny-vendors-private-banking", "deny", roles: vendorRoles,
                actions: ["listen", "view-transcript", "download"],
                conditions: "\"queues\": \(list(wealthQueues.isEmpty ? ["wealth-private"] : wealthQueues))"),
            rule(
                "deny-download-at-night", "deny", roles: ["*"], actions: ["download"],
                conditions: "\"hoursUTC\": [22, 6]"),
            rule(
                "deny-trainers-legal", "deny", roles: trainers, actions: ["listen", "view-transcript", "download"],
                purposes: ["legal-regulatory"]),
            rule(
                "deny-export-without-reference", "deny", roles: ["*"], actions: ["export-legal"],
                purposes: ["quality", "training", "customer-request"]),
            rule(
                "compliance-export-legal", roles: ["compliance-officer", "legal-counsel"], actions: ["export-legal"],
                purposes: ["legal-regulatory", "dispute-resolution"],
                conditions: "\"legalReference\": true, \"approvals\": 1, \"mfaWithinMinutes\": 15",
                obligations: "\"watermark\": true, \"notifyCompliance\": true"),
            rule(
                "compliance-listen", roles: ["compliance-officer"],
                actions: ["listen", "view-transcript", "view-metadata"],
                purposes: ["legal-regulatory", "dispute-resolution"],
                conditions: "\"mfaWithinMinutes\": 60, \(privacyTraining)"),
            rule(
                "legal-listen", roles: ["legal-counsel"], actions: ["listen", "view-transcript"],
                purposes: ["legal-regulatory", "dispute-resolution"], conditions: "\"legalReference\": true"),
            rule("dpo-metadata", roles: ["data-protection-officer"], actions: ["view-metadata"]),
            rule(
                "dpo-customer-copy", roles: ["data-protection-officer"], actions: ["download", "listen"],
                purposes: ["customer-request"], conditions: "\"justification\": true, \"mfaWithinMinutes\": 30",
                obligations: "\"watermark\": true"),
            rule(
                "records-hold-place", roles: ["records-manager", "legal-counsel"], actions: ["place-hold"],
                conditions: "\"legalReference\": true"),
            rule(
                "records-hold-release", roles: ["records-manager"], actions: ["release-hold"],
                conditions: "\"approvals\": 2, \"justification\": true"),
            rule(
                "records-delete", roles: ["records-manager"], actions: ["delete"],
                conditions: "\"approvals\": 2, \"justification\": true, \"mfaWithinMinutes\": 5"),
            rule(
                "security-rewrap", roles: ["security-admin"], actions: ["rewrap-keys"],
                conditions: "\"approvals\": 1, \"mfaWithinMinutes\": 5, \"justification\": true",
                obligations: "\"notifyCompliance\": true"),
            rule(
                "break-glass", roles: ["incident-commander", "ciso"], actions: ["break-glass"],
                conditions: "\"mfaWithinMinutes\": 10", obligations: "\"grantLifetimeSeconds\": 900"),
            rule(
                "fraud-metadata", roles: ["fraud-analyst"], actions: ["view-metadata"],
                purposes: ["dispute-resolution", "legal-regulatory"]),
            rule(
                "external-auditor-metadata", roles: ["external-auditor"], actions: ["view-metadata"],
                purposes: ["legal-regulatory"], conditions: "\"approvals\": 1, \"hoursUTC\": [8, 18]"),
        ]
        // Per line of business: compliance monitoring, quality leads' transcripts, workforce
        // transcripts for schedule adherence.
        for lob in linesOfBusiness {
            rules.append(
                rule(
                    "\(lob)-compliance-monitoring", roles: ["compliance-\(lob)"],
                    actions: ["listen", "view-transcript"],
                    purposes: ["legal-regulatory", "quality"],
                    conditions: "\"mfaWithinMinutes\": 60, \(privacyTraining)"))
            rules.append(
                rule(
                    "\(lob)-qa-lead-metadata", roles: ["qa-lead-\(lob)"], actions: ["view-metadata"],
                    purposes: ["quality", "training"]))
            rules.append(
                rule(
                    "\(lob)-head-of-service", roles: ["head-of-service-\(lob)"],
                    actions: ["view-metadata", "view-transcript", "listen"],
                    purposes: ["quality", "dispute-resolution"],
                    conditions: "\"mfaWithinMinutes\": 60, \"maximumSensitivity\": \"sensitive\""))
        }
        rules.append(
            rule(
                "ciso-metadata", roles: ["ciso", "security-admin"], actions: ["view-metadata"],
                purposes: ["legal-regulatory"]))
        rules.append(
            rule(
                "incident-transcripts", roles: ["incident-commander"], actions: ["view-transcript"],
                purposes: ["legal-regulatory"], conditions: "\"justification\": true"))
        rules.append(
            rule(
                "regulator-visit", roles: ["compliance-officer"], actions: ["download"],
                purposes: ["legal-regulatory"],
                conditions: "\"legalReference\": true, \"approvals\": 2, \"mfaWithinMinutes\": 10",
                obligations: "\"watermark\": true, \"notifyCompliance\": true"))
        rules.append(
            rule(
                "records-metadata", roles: ["records-manager"], actions: ["view-metadata"],
                purposes: ["legal-regulatory"]))
        rules.append(
            rule(
                "quality-director-listen", roles: ["quality-director"],
                actions: ["listen", "view-transcript", "view-metadata"], purposes: ["quality", "training"],
                conditions: "\"mfaWithinMinutes\": 60, \"maximumSensitivity\": \"sensitive\""))
        precondition(rules.count == 40)
        return rules
    }

    static let privacyTraining = "\"trainingCurrent\": \"call-recording-privacy\""

    // MARK: Requests

    /// What a request is, with its weight in the mix (out of 100).
    enum Kind: CaseIterable {
        case supervisorOwnTeam, supervisorOtherTeam, teamLeadSensitive, agentOwnCall, agentDownload, qaListen
        case trainerUndisclosed, trainerListen, complaintsDownload, complianceExport, fraudListen, vendorAtNight
        case vendorListen, workforceMetadata, breakGlass

        var weight: Int {
            switch self {
            case .supervisorOwnTeam: 26
            case .qaListen: 20
            case .agentOwnCall: 12
            case .supervisorOtherTeam: 6
            case .teamLeadSensitive: 4
            case .trainerListen: 6
            case .trainerUndisclosed: 3
            case .complaintsDownload: 5
            case .vendorListen: 5
            case .vendorAtNight: 2
            case .workforceMetadata: 4
            case .agentDownload: 2
            case .complianceExport: 2
            case .fraudListen: 2
            case .breakGlass: 1
            }
        }
    }

    static func request(teams: Int, using generator: inout MixRandom) throws -> AccessRequest {
        var pick = Int(generator.next() % 100)
        var kind = Kind.supervisorOwnTeam
        for candidate in Kind.allCases {
            if pick < candidate.weight {
                kind = candidate
                break
            }
            pick -= candidate.weight
        }
        let number = 1 + Int(generator.next() % UInt64(teams))
        let other = teams == 1 ? number : 1 + (number + Int(generator.next() % UInt64(teams - 1))) % teams
        let team = Self.team(number)
        let lob = lineOfBusiness(number)
        let agent = try PrincipalID("agent.\(team).\(generator.next() % 40)")
        var recording = RecordingAccessAttributes(
            recordingID: RecordingID(uuid: generator.uuid()), agentID: agent, team: team,
            queue: queues(number)[Int(generator.next() % 3)],
            disclosedPurposes: [.quality, .training, .disputeResolution],
            jurisdictions: [try Jurisdiction(parsing: "GB")],
            sensitivity: generator.next() % 10 == 0 ? .sensitive : .normal)
        let trained = [
            TrainingRecord(
                course: "call-recording-privacy", version: 3, completedAt: now - 90 * 86_400,
                expiresAt: now + 275 * 86_400),
            TrainingRecord(course: "self-review", version: 2, completedAt: now - 30 * 86_400, expiresAt: nil),
            TrainingRecord(course: "vendor-privacy", version: 1, completedAt: now - 10 * 86_400, expiresAt: nil),
        ]
        func person(_ id: String, _ roles: [String], team: String? = nil) throws -> Principal {
            Principal(
                id: try PrincipalID(id), roles: Set(roles.map { Role($0) }), team: team,
                authentication: Authentication(method: "sso", at: now - 600, multiFactor: true), training: trained)
        }
        switch kind {
        case .supervisorOwnTeam:
            return AccessRequest(
                principal: try person("sup.\(team)", ["supervisor-\(team)", "agent-\(team)"], team: team),
                action: .listen,
                recording: recording, purpose: .quality, at: now)
        case .supervisorOtherTeam:
            recording.team = Self.team(other)
            recording.queue = queues(other)[0]
            return AccessRequest(
                principal: try person("sup.\(team)", ["supervisor-\(team)", "agent-\(team)"], team: team),
                action: .listen,
                recording: recording, purpose: .quality, at: now)
        case .teamLeadSensitive:
            recording.sensitivity = .sensitive
            return AccessRequest(
                principal: try person("lead.\(team)", ["team-lead-\(team)", "agent-\(team)"], team: team),
                action: .listen,
                recording: recording, purpose: .quality, at: now)
        case .agentOwnCall:
            return AccessRequest(
                principal: try person(agent.rawValue, ["agent-\(team)"], team: team), action: .listen,
                recording: recording,
                purpose: .training, at: now)
        case .agentDownload:
            return AccessRequest(
                principal: try person(agent.rawValue, ["agent-\(team)"], team: team), action: .download,
                recording: recording, purpose: .training, at: now)
        case .qaListen:
            return AccessRequest(
                principal: try person("qa.\(lob).7", ["qa-\(lob)"]), action: .listen, recording: recording,
                purpose: .quality,
                at: now)
        case .trainerUndisclosed:
            recording.disclosedPurposes = [.quality]
            return AccessRequest(
                principal: try person("trainer.\(lob)", ["trainer-\(lob)"]), action: .listen, recording: recording,
                purpose: .training, at: now)
        case .trainerListen:
            return AccessRequest(
                principal: try person("trainer.\(lob)", ["trainer-\(lob)"]), action: .listen, recording: recording,
                purpose: .training, at: now)
        case .complaintsDownload:
            recording.disclosedPurposes.insert(.customerRequest)
            return AccessRequest(
                principal: try person("complaints.\(lob).2", ["complaints-\(lob)"]), action: .download,
                recording: recording, purpose: .customerRequest, at: now,
                justification: "Customer asked for a copy of the call (complaint C-\(generator.next() % 100_000))")
        case .complianceExport:
            recording.disclosedPurposes.insert(.legalOrRegulatory)
            return AccessRequest(
                principal: try person("compliance.1", ["compliance-officer"]), action: .exportLegal,
                recording: recording,
                purpose: .legalOrRegulatory, at: now, legalReference: "FCA-2026-\(generator.next() % 10_000)",
                approvals: ["compliance.2"])
        case .fraudListen:
            return AccessRequest(
                principal: try person("fraud.4", ["fraud-analyst"]), action: .listen, recording: recording,
                purpose: .disputeResolution, at: now, justification: "Card-not-present fraud case F-88213")
        case .vendorAtNight:
            return AccessRequest(
                principal: try person("vendor.\(vendor(number)).31", ["vendor-qa-\(vendor(number))"]), action: .listen,
                recording: recording, purpose: .quality, at: night)
        case .vendorListen:
            return AccessRequest(
                principal: try person("vendor.\(vendor(number)).31", ["vendor-qa-\(vendor(number))"]), action: .listen,
                recording: recording, purpose: .quality, at: now)
        case .workforceMetadata:
            return AccessRequest(
                principal: try person("wfm.\(lob)", ["workforce-\(lob)"]), action: .viewMetadata, recording: recording,
                purpose: .quality, at: now)
        case .breakGlass:
            return AccessRequest(
                principal: try person("ic.1", ["incident-commander"]), action: .breakGlass, recording: recording,
                purpose: .disputeResolution, at: now, justification: "Major incident INC-4471: regulator on the line")
        }
    }
}

/// SplitMix64: a small, fast, seeded generator, so the same seed gives the same mix everywhere.
struct MixRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator starting from `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A random (version 4 shaped) UUID.
    mutating func uuid() -> UUID {
        let high = next()
        let low = next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (8 * UInt64(index)))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(index)))
        }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        return UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9],
                bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
            ))
    }
}
