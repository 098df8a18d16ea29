import Foundation

/// The one form a call id is kept in, so that a call is found by its id however the host spelled
/// it: the catalog compares ids byte for byte, so "café" in NFD and in NFC, or "legacy-1" with a
/// trailing space or a zero-width space, would otherwise be different calls that print alike.
/// Package-wide, so the `callvault` tool judges a call id given on its command line as the SDK
/// judges one it is asked to keep.
package enum CallIDForm {
    /// What is wrong with a call id that could pass for another when printed.
    package enum Problem: Equatable, Sendable, CustomStringConvertible {
        /// White space before or after the id.
        case surroundingWhitespace
        /// A character that does not print as itself: a control or format character (such as
        /// U+200B ZERO WIDTH SPACE), a separator, or an unassigned or private-use one.
        case invisibleCharacter(scalar: UInt32)

        package var description: String {
            switch self {
            case .surroundingWhitespace:
                "it starts or ends with white space"
            case .invisibleCharacter(let scalar):
                "it holds U+\(String(scalar, radix: 16, uppercase: true).leftPadded(to: 4)), a control, format, separator, unassigned or private-use character that does not print as itself"
            }
        }
    }

    /// The problem with `callID`, or `nil` for an id that prints as what it is.
    package static func problem(in callID: String) -> Problem? {
        if let first = callID.unicodeScalars.first, let last = callID.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        {
            return .surroundingWhitespace
        }
        for scalar in callID.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .unassigned, .privateUse:
                return .invisibleCharacter(scalar: scalar.value)
            default:
                continue
            }
        }
        return nil
    }

    /// `callID` in Unicode canonical composition (NFC): the form kept and looked up.
    package static func canonical(_ callID: String) -> String {
        callID.precomposedStringWithCanonicalMapping
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
