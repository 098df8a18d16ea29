public import CallVaultAccess
public import CallVaultCore

/// Where staff training completions are kept (course, version, completed at, expires at), so a
/// host can build each principal's `Principal.training` from one place and
/// auditors can see who was trained when.
public protocol TrainingRegister: Sendable {
    /// Records a completion. Recording the same completion again changes nothing.
    func record(_ completion: TrainingRecord, for principal: PrincipalID) async throws

    /// A principal's completions, oldest first.
    func completions(of principal: PrincipalID) async throws -> [TrainingRecord]
}

extension TrainingRegister {
    /// `principal` with its training taken from the register.
    public func withTraining(_ principal: Principal) async throws -> Principal {
        var principal = principal
        principal.training = try await completions(of: principal.id)
        return principal
    }
}
