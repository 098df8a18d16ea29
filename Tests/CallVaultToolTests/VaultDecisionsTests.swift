import CallVault
import CallVaultAudit
import CallVaultConsent
import CallVaultCore
import CallVaultCrypto
import CallVaultRetention
import CallVaultSQLite
import CallVaultTestKit
import Foundation
import Testing

/// vault.json carries the organisation's decisions (consent settings, consent catalog overrides,
/// retention policies, regimes per line of business): read with line-numbered errors, old files
/// still read as they were, used by the sessions of the opened vault, and audited when changed.
@Suite("vault.json decisions")
struct VaultDecisionsTests {
    /// Texas as all-party (the bundled catalog says one-party), so a Texan must be asked.
    static let overrideCSV = """
        code,name,consent_model,notice_counts_as_consent,notes,source
        US-TX,Texas (house rule: ask everyone),all-party,no,Our legal team asks every Texan.,internal memo 2026-12

        """

    static var decided: VaultConfiguration {
        var configuration = VaultFixture.configuration
        configuration.consentSettings.responseTimeoutSeconds = 15
        configuration.consentSettings.maximumPrompts = 3
        configuration.consentSettings.onWithdrawal = .discard
        configuration.consentSettings.whileAwaitingConsent = .pauseRecording
        configuration.consentSettings.explicitConsentEverywhere = true
        configuration.consentSettings.mandatoryLines = ["order-desk"]
        configuration.consentCatalogOverrides = ["texas.csv"]
        configuration.regimesByLineOfBusiness = ["collections": ["us-cfpb-reg-f-1006-100"]]
        configuration.retentionPolicies = try? RetentionPolicySet(
            version: "acme-2026-12",
            policies: [
                try RetentionPolicy(
                    id: "acme-billing", name: "Billing calls", match: RetentionQuery(queues: ["billing"]),
                    minimum: try RetentionPeriod(days: 30))
            ])
        return configuration
    }

    @Test("an older vault.json reads with today's defaults and is written back byte for byte")
    func olderFilesRead() throws {
        let text = VaultFixture.configuration.json()
        for field in ["consentPolicy", "consentCatalogOverrides", "retentionPolicies", "regimesByLineOfBusiness"] {
            #expect(!text.contains(field))
        }
        let read = try VaultConfiguration(json: text)
        #expect(read.consentSettings == ConsentConfiguration())
        #expect(read.consentPolicy == VaultFixture.configuration.consentPolicy)
        #expect(read.retentionPolicies == nil && read.regimesByLineOfBusiness.isEmpty)
        #expect(read.json() == text)
    }

    @Test("the decisions survive their vault.json text, and become the consent policy")
    func decisionsRoundTrip() throws {
        let configuration = Self.decided
        #expect(configuration.retentionPolicies != nil)
        let text = configuration.json()
        let read = try VaultConfiguration(json: text)
        #expect(read == configuration)
        #expect(read.consentPolicy.responseTimeout == .seconds(15))
        #expect(read.consentPolicy.maximumPrompts == 3)
        #expect(read.consentPolicy.onWithdrawal == .discard)
        #expect(read.consentPolicy.whileAwaitingConsent == .pauseRecording)
        #expect(read.consentPolicy.explicitConsentEverywhere)
        #expect(!read.consentPolicy.recordingMandatory, "mandatory only on the lines named")
    }

    @Test(
        "an error in a decision names the field and the line it is on",
        arguments: [
            ("\"consentPolicy\": {\n    \"maximumPrompts\": 9\n  }", "consentPolicy.maximumPrompts", 6),
            ("\"consentPolicy\": {\n    \"onWithdrawal\": \"shred\"\n  }", "consentPolicy.onWithdrawal", 6),
            ("\"consentPolicy\": {\n    \"ringTimes\": 2\n  }", "consentPolicy.ringTimes", 6),
            ("\"consentCatalogOverrides\": [\"../etc/passwd\"]", "consentCatalogOverrides[0]", 5),
            (
                "\"regimesByLineOfBusiness\": {\n    \"health\": [\"us-hipaa\"]\n  }",
                "regimesByLineOfBusiness.health[0]", 6
            ),
            ("\"regimesByLineOfBusiness\": {\n    \"x\": [\"no-such-regime\"]\n  }", "regimesByLineOfBusiness.x[0]", 6),
            (
                "\"retentionPolicies\": {\n    \"version\": \"v\",\n    \"policies\": [\n      {\"id\": \"p\", \"name\": \"P\"}\n    ]\n  }",
                "retentionPolicies.policies[0]", 8
            ),
        ])
    func lineNumberedErrors(field text: String, field name: String, line: Int) throws {
        let document = """
            {
              "format": 1,
              "organisation": "Acme",
              "purposes": ["quality"],
              \(text)
            }
            """
        let error = #expect(throws: VaultFolderError.self) { try VaultConfiguration(json: document) }
        guard case .malformedConfiguration(let path, let field, let reason) = error?.reason else {
            Issue.record("expected malformedConfiguration, got \(String(describing: error))")
            return
        }
        #expect(field == name)
        #expect(path == "vault.json:\(line)", "\(reason)")
        if name.hasPrefix("regimesByLineOfBusiness.health") {
            #expect(reason.contains("is a reference, not a rule for call recordings"))
            #expect(reason.contains("documentation"))
        }
    }

    @Test("an opened vault records with its decisions: the override catalog, consent settings, regimes and policies")
    func sessionsUseTheDecisions() async throws {
        let workspace = try Workspace()
        let directory = workspace.directory.appendingPathComponent("vault")
        try VaultFolder.create(
            at: directory, passphrase: try Passphrase(Tool.passphrase), configuration: Self.decided,
            accessPolicy: VaultFixture.policy, keyParameters: .minimum,
            consentCatalogFiles: ["texas.csv": Self.overrideCSV])
        let opened = try await VaultFolder.open(
            at: directory, passphrase: try Passphrase(Tool.passphrase), clock: ManualWallClock(Date()))
        let settings = opened.vault.settings
        #expect(settings.consentPolicy.maximumPrompts == 3)
        #expect(settings.consentPolicy.responseTimeout == .seconds(15))
        #expect(settings.consentPolicy(lineOfBusiness: "order-desk", queue: nil).recordingMandatory)
        #expect(settings.consentPolicy(lineOfBusiness: nil, queue: "order-desk").recordingMandatory)
        #expect(!settings.consentPolicy(lineOfBusiness: "retail", queue: "billing").recordingMandatory)

        // A Texan is asked (the override), and the collections line declares Regulation F.
        let control = RecordingCallControl()
        let texan = try Jurisdiction(parsing: "US-TX")
        let session = try await opened.vault.startRecording(
            RecordingSessionConfiguration(
                callID: "c-1", direction: .inbound,
                participants: [
                    ConsentParticipant(
                        party: CallParty(id: "customer", role: .customer, location: texan), language: "en"),
                    ConsentParticipant(party: CallParty(id: "agent", role: .agent, location: texan), language: "en"),
                ],
                format: VaultFixture.format, tracks: [.agent, .customer],
                trackOfParty: ["agent": .agent, "customer": .customer], queue: "billing", lineOfBusiness: "collections"),
            control: control)
        var asked = false
        for case .playAnnouncement(let party, let disclosure) in control.requests {
            try await session.announcementStarted(party: party)
            try await session.announcementFinished(party: party)
            if disclosure.kind.asksForConsent {
                asked = true
                try await session.keyPressed(party: party, key: "1")
            }
        }
        #expect(asked, "the override makes Texas all-party, so the customer is asked")
        let recording = try await session.callEnded()
        #expect(recording.declaredRegimes == ["us-cfpb-reg-f-1006-100"])
        let record = try #require(try await opened.stores.retention.record(recording.id))
        #expect(record.schedule.reasons.contains { $0.rule == "us-cfpb-reg-f-1006-100" })
        #expect(record.schedule.reasons.contains { $0.rule == "acme-billing" })
        #expect(record.schedule.reasons.contains { $0.rule == RetentionScheduler.statedPeriodRule })
        #expect(record.schedule.policyVersion.hasPrefix("acme-2026-12"))
        try await opened.close()
    }

    @Test("a changed configuration is audited when next opened for writing, with old and new digests and the fields")
    func changesAreAudited() async throws {
        let workspace = try Workspace()
        let directory = workspace.directory.appendingPathComponent("vault")
        let passphrase = try Passphrase(Tool.passphrase)
        try VaultFolder.create(
            at: directory, passphrase: passphrase, configuration: Self.decided, accessPolicy: VaultFixture.policy,
            keyParameters: .minimum, consentCatalogFiles: ["texas.csv": Self.overrideCSV])
        let log = directory.appendingPathComponent("audit.log").path
        func configurationEntries() throws -> [AuditEntry] {
            try AuditLogReader.entries(at: log).filter { $0.record.action.identifier == "vault.configuration-applied" }
        }
        try await VaultFolder.open(at: directory, passphrase: passphrase).close()
        #expect(try configurationEntries().isEmpty, "the configuration created with the vault is in vault.created")

        // An override file edited by hand: noticed and audited at the next open, once.
        let overridePath = directory.appendingPathComponent("texas.csv")
        try (Self.overrideCSV + "US-NM,New Mexico (house rule),all-party,no,Ask everyone.,memo\n").write(
            to: overridePath, atomically: true, encoding: .utf8)
        try await VaultFolder.open(at: directory, passphrase: passphrase).close()
        let first = try configurationEntries()
        #expect(first.count == 1)
        let reasons = try #require(first.first?.record.reasons)
        #expect(reasons.contains { $0.hasPrefix("the configuration changed since it was last applied: from ") })
        #expect(reasons.contains("fields changed: 'consentCatalogOverrides:texas.csv'"))
        try await VaultFolder.open(at: directory, passphrase: passphrase).close()
        #expect(try configurationEntries().count == 1, "an unchanged configuration is not audited again")

        // vault.json changed through accept-changes: the fields that changed are named.
        let configuration = directory.appendingPathComponent("vault.json")
        var changed = Self.decided
        changed.retentionDays = 365
        changed.consentSettings.maximumPrompts = 1
        try changed.json().write(to: configuration, atomically: true, encoding: .utf8)
        _ = try await VaultFolder.acceptChanges(
            at: directory, passphrase: passphrase, restore: false, by: "legal.alice")
        try await VaultFolder.open(at: directory, passphrase: passphrase).close()
        let second = try configurationEntries()
        #expect(second.count == 2)
        #expect(second.last?.record.reasons.contains("fields changed: 'consentPolicy', 'retentionDays'") == true)
        let verification = try AuditVerifier(
            trustedKey: try VaultFolder(directory).verifyingKey()
        ).verify(fileAt: log)
        #expect(verification.isIntact)
    }

    @Test("a changed stated period applies to recordings made before it, on the next open for writing")
    func changedConfigurationReschedules() async throws {
        let fixture = try VaultFixture()
        let start = Date().addingTimeInterval(-10 * 86_400)
        let ids = try await fixture.recordCalls(2, startingAt: start)
        let before = try await fixture.withVault { opened in
            try await opened.stores.retention.record(ids[0])?.schedule
        }
        #expect(before?.deletionRule == VaultFixture.practice, "90 days minimum: deleted when it ends")

        var changed = VaultFixture.configuration
        changed.retentionDays = 30
        try changed.json().write(to: fixture.folder.configurationFile, atomically: true, encoding: .utf8)
        let passphrase = try Passphrase(Tool.passphrase)
        _ = try await VaultFolder.acceptChanges(
            at: fixture.directory, passphrase: passphrase, restore: false, by: "desk")
        let (report, after) = try await fixture.withVault { opened in
            (opened.rescheduled, try await opened.stores.retention.record(ids[0])?.schedule)
        }
        #expect(Set(report.changed) == Set(ids))
        #expect(report.kept.isEmpty)
        let schedule = try #require(after)
        #expect(schedule.deletionRule == RetentionScheduler.statedPeriodRule)
        #expect(schedule.conflicts.map(\.resolution) == [.minimumShortenedToMaximum])
        #expect(schedule.policyVersion.contains("P30D"))
        let entries = try AuditLogReader.entries(at: fixture.folder.auditLogFile.path)
        #expect(entries.contains { $0.record.action.identifier == "retention.schedules-recomputed" })
        let again = try await fixture.withVault { $0.rescheduled }
        #expect(again.changed.isEmpty, "an unchanged configuration recomputes nothing")
    }

    @Test("a broken override file is refused on opening, naming its line")
    func brokenOverrideRefused() async throws {
        let workspace = try Workspace()
        let directory = workspace.directory.appendingPathComponent("vault")
        let passphrase = try Passphrase(Tool.passphrase)
        try VaultFolder.create(
            at: directory, passphrase: passphrase, configuration: Self.decided, accessPolicy: VaultFixture.policy,
            keyParameters: .minimum, consentCatalogFiles: ["texas.csv": Self.overrideCSV])
        try (Self.overrideCSV + "US-NM,New Mexico,sometimes,no,,\n").write(
            to: directory.appendingPathComponent("texas.csv"), atomically: true, encoding: .utf8)
        await #expect {
            _ = try await VaultFolder.open(at: directory, passphrase: passphrase)
        } throws: { error in
            guard case .invalidConsentOverride(let path, let reason) = (error as? VaultFolderError)?.reason else {
                return false
            }
            return path.hasSuffix("texas.csv") && reason.contains("line 3")
        }
    }
}

/// `callvault vault init` writes the organisation's decisions into vault.json.
@Suite("callvault vault init: the organisation's decisions")
struct VaultInitDecisionsTests {
    @Test("init's decision options become vault.json's decisions, and the override file is copied in")
    func initWritesDecisions() throws {
        let workspace = try Workspace()
        try workspace.write(Array(VaultDecisionsTests.overrideCSV.utf8), to: "texas.csv")
        try workspace.write(
            Array(
                #"{"version": "acme-1", "policies": [{"id": "acme-sales", "name": "Sales", "match": {"queues": ["sales"]}, "maximum": "P1Y"}]}"#
                    .utf8), to: "policies.json")
        let made = try workspace.run(
            "vault", "init", "--vault", "v", "--organisation", "Acme", "--retention-days", "730",
            "--audience", "supervisors", "--complaint-contact", "email:complaints@acme.example",
            "--response-timeout", "20", "--max-prompts", "3", "--while-awaiting", "pause-recording",
            "--on-withdrawal", "discard", "--explicit-consent-everywhere", "--mandatory-line", "order-desk",
            "--consent-overrides", "texas.csv", "--retention-policies", "policies.json", "--line-regime",
            "collections=us-cfpb-reg-f-1006-100")
        #expect(made.status == ExitStatus.success, "\(made)")
        let configuration = try VaultConfiguration(json: try workspace.text("v/vault.json"))
        #expect(configuration.consentSettings.responseTimeoutSeconds == 20)
        #expect(configuration.consentSettings.maximumPrompts == 3)
        #expect(configuration.consentSettings.whileAwaitingConsent == .pauseRecording)
        #expect(configuration.consentSettings.onWithdrawal == .discard)
        #expect(configuration.consentSettings.explicitConsentEverywhere)
        #expect(configuration.consentSettings.mandatoryLines == ["order-desk"])
        #expect(configuration.consentCatalogOverrides == ["texas.csv"])
        #expect(try workspace.text("v/texas.csv") == VaultDecisionsTests.overrideCSV)
        #expect(configuration.retentionPolicies?.policies.map(\.id) == ["acme-sales"])
        #expect(configuration.regimesByLineOfBusiness == ["collections": ["us-cfpb-reg-f-1006-100"]])
    }

    @Test("init refuses HIPAA for a line of business, saying why, and makes no vault")
    func initRefusesHIPAA() throws {
        let workspace = try Workspace()
        let refused = try workspace.run(
            "vault", "init", "--vault", "v", "--organisation", "Acme", "--line-regime", "health=us-hipaa")
        #expect(refused.status == ExitStatus.badInput, "\(refused)")
        #expect(refused.standardError.contains("regimesByLineOfBusiness.health[0]"), "\(refused)")
        #expect(refused.standardError.contains("not a rule for call recordings"), "\(refused)")
        #expect(!workspace.exists("v"))
    }
}
