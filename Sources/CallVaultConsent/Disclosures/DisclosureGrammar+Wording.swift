extension DisclosureGrammar {
    /// Which word joins the last item of a list.
    enum Conjunction {
        case and
        case or
    }

    /// Joins items: "a", "a and b", "a, b and c"; alternatives: "a or b or c".
    func joined(_ items: [String], _ conjunction: Conjunction) -> String {
        var text = ""
        for (index, item) in items.enumerated() {
            if index > 0 {
                let separator: String
                switch conjunction {
                case .and: separator = index == items.count - 1 ? andSeparator : listSeparator
                case .or: separator = orSeparator
                }
                text += spoken(separator, before: item)
            }
            text += item
        }
        return text
    }

    /// A period of whole days in years, months and days: "5 years", "one year, one month and 5 days".
    func duration(days total: Int) throws(DisclosureError) -> String {
        let period = CalendarPeriod(days: total)
        var parts: [String] = []
        for (count, forms) in [(period.years, years), (period.months, months), (period.days, days)] where count > 0 {
            let form = forms.form(for: pluralRule.category(for: count))
            parts.append(try Self.fill(form, placeholder: "count", with: String(count), required: false))
        }
        return joined(parts, .and)
    }

    /// "by pressing 9 at any time during a call".
    func byKey(_ key: Character) throws(DisclosureError) -> String {
        try Self.fill(byKeyPhrase, placeholder: "key", with: String(key))
    }

    /// "by writing to complaints@example.com", with the address as the renderer shows it.
    func byContact(_ contact: DisclosureContact, shownAs address: String) throws(DisclosureError) -> String {
        let phrase =
            switch contact.channel {
            case .email: byEmailPhrase
            case .phone: byPhonePhrase
            default: byWebsitePhrase
            }
        return try Self.fill(phrase, placeholder: "address", with: address)
    }

    /// The separator as it sounds before `item`: Spanish "y" and "o" change before some sounds,
    /// and a conjunction that attaches to the next word (Arabic "و") is set apart from digits and
    /// Latin letters.
    private func spoken(_ separator: String, before item: String) -> String {
        var separator = separator
        if euphony == .spanish {
            let next = item.lowercased()
            let startsWithI =
                (next.hasPrefix("i") || next.hasPrefix("í") || next.hasPrefix("hi") || next.hasPrefix("hí"))
                && !["hia", "hie", "hio", "hiu"].contains(where: next.hasPrefix)
            let startsWithO = next.hasPrefix("o") || next.hasPrefix("ó") || next.hasPrefix("ho") || next.hasPrefix("hó")
            if separator == " y " && startsWithI { separator = " e " }
            if separator == " o " && startsWithO { separator = " u " }
        }
        if let last = separator.last, !last.isWhitespace, let first = item.first,
            !first.isLetter || first.isASCII
        {
            separator += " "
        }
        return separator
    }
}
