public import CallVault
public import CallVaultAccess
public import CallVaultCore

/// A `TrainingRegister` in memory.
public final class InMemoryTrainingRegister: TrainingRegister {
    private let completions = LockedState<[PrincipalID: [TrainingRecord]]>([:])

    /// Creates an empty register.
    public init() {}

    /// Records a completion once.
    public func record(_ completion: TrainingRecord, for principal: PrincipalID) async throws {
        completions.withLock { completions in
            guard completions[principal]?.contains(completion) != true else { return }
            completions[principal, default: []].append(completion)
            completions[principal]?.sort { $0.completedAt < $1.completedAt }
        }
    }

    /// A principal's completions, oldest first.
    public func completions(of principal: PrincipalID) async throws -> [TrainingRecord] {
        completions.withLock { $0[principal] ?? [] }
    }
}
