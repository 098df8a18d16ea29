public import CallVaultCore

/// One row of a consent catalog: what a jurisdiction's law requires before a call is recorded.
public struct JurisdictionRule: Hashable, Sendable {
    /// The jurisdiction.
    public let jurisdiction: Jurisdiction
    /// Its name, for reason trails.
    public let name: String
    /// The consent model as the catalog states it.
    public let model: ConsentModel
    /// Whether notice plus staying on the line counts as consent.
    public let noticeAsConsent: NoticeAsConsent
    /// Per-medium models, where they differ from ``model`` (always given for `mixed`).
    public let mediumModels: [CallMedium: ConsentModel]
    /// Jurisdictions whose rules also bind here (EU for its members), beyond a subdivision's country.
    public let floors: [Jurisdiction]
    /// Whether a data-protection law also applies here that needs a lawful basis for each purpose
    /// (UK GDPR, LGPD, PIPEDA...), so purposes beyond the standard ones need consent.
    public let hasDataProtectionLaw: Bool
    /// Whether the announcement must itself be on the recording (or a warning tone stand for it);
    /// nil where the law does not say so.
    public let recordedNotice: RecordedNotice?
    /// What the law says and any special case, for compliance officers.
    public let notes: String
    /// Where the rule comes from.
    public let source: String
    /// When the row was last checked against its sources, as an ISO 8601 date (`2026-12-06`);
    /// `nil` for a catalog without a `reviewed` column.
    public let reviewed: String?
    /// The label of the catalog the row comes from.
    public let catalog: String
    /// The catalog line the row starts on.
    public let line: Int

    /// Creates a rule.
    public init(
        jurisdiction: Jurisdiction, name: String, model: ConsentModel, noticeAsConsent: NoticeAsConsent,
        mediumModels: [CallMedium: ConsentModel] = [:], floors: [Jurisdiction] = [],
        hasDataProtectionLaw: Bool = false, recordedNotice: RecordedNotice? = nil, notes: String = "",
        source: String = "", reviewed: String? = nil, catalog: String = "", line: Int = 0
    ) {
        self.jurisdiction = jurisdiction
        self.name = name
        self.model = model
        self.noticeAsConsent = noticeAsConsent
        self.mediumModels = mediumModels
        self.floors = floors
        self.hasDataProtectionLaw = hasDataProtectionLaw
        self.recordedNotice = recordedNotice
        self.notes = notes
        self.source = source
        self.reviewed = reviewed
        self.catalog = catalog
        self.line = line
    }

    /// The model for a call over `medium`: the per-medium model if there is one, else ``model``.
    public func model(for medium: CallMedium) -> ConsentModel {
        mediumModels[medium] ?? model
    }
}
