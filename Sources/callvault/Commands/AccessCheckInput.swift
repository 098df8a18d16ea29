import CallVaultAccess
import CallVaultCore
import Foundation

/// Reads the three files `access check` takes; errors name the file, then the library's message,
/// which names the line and the field.
enum AccessCheckInput {
    static func policy(at path: String) throws -> AccessPolicy {
        let text = try RetentionInputFile.text(at: path, kind: "an access policy")
        do {
            return try AccessPolicy(json: text)
        } catch {
            throw AccessCheckInputError(path: path, message: "\(error)")
        }
    }

    static func principal(at path: String) throws -> Principal {
        let text = try RetentionInputFile.text(at: path, kind: "a principal")
        do {
            return try Principal(json: text)
        } catch {
            throw AccessCheckInputError(path: path, message: "\(error)")
        }
    }

    static func recording(at path: String) throws -> RecordingAccessAttributes {
        let text = try RetentionInputFile.text(at: path, kind: "a recording")
        do {
            return try RecordingAccessAttributes(json: text)
        } catch {
            throw AccessCheckInputError(path: path, message: "\(error)")
        }
    }

    /// Hints for a request that no rule can ever allow because of a likely typo: an action or
    /// purpose that neither CallVault nor the policy (nor the recording's disclosures) names.
    /// The decision is still made, and denies.
    static func notes(
        action: AccessAction, purpose: Purpose, policy: AccessPolicy, recording: RecordingAccessAttributes
    ) -> [String] {
        var notes: [String] = []
        if !AccessAction.standard.contains(action), !policy.rules.contains(where: { $0.actions.contains(action) }) {
            notes.append("note: no rule of policy \(policy.version) names the action '\(action)', so it is denied.")
        }
        if !Purpose.standard.contains(purpose), !recording.disclosedPurposes.contains(purpose),
            !policy.rules.contains(where: { $0.purposes?.contains(purpose) ?? false })
        {
            notes.append(
                "note: '\(purpose)' is not a purpose CallVault knows, nor one the policy or the recording names.")
        }
        return notes
    }
}

/// A file `access check` could not read, with the file's path before the library's message.
struct AccessCheckInputError: Error, CustomStringConvertible {
    let path: String
    let message: String

    var description: String { "\(path): \(message)" }
}
