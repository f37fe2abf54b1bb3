using Pipeline.Sources;

namespace Pipeline.Privacy;

/// <summary>
/// Decides whether one query (or fragment) parameter carries personal data: its value, or its name, holds an e-mail
/// address, or its name is a known personal-data or credential key. Click-id and UTM names are never personal by
/// name. Pure; never throws.
/// </summary>
public static class PersonalDataParameter
{
    /// <summary>
    /// Names (or one bracket/dot segment of a name, e.g. <c>customer[email]</c>) that are personal data or a secret,
    /// compared after lower-casing and dropping <c>_</c>, <c>-</c>, spaces and camel-case humps:
    /// <c>first_name</c>, <c>First-Name</c> and <c>firstName</c> are all <c>firstname</c>.
    /// </summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        // Contact.
        "email", "emailaddress", "mail", "mailaddress", "phone", "phonenumber", "phoneno", "tel", "telephone", "mobile",
        "mobilephone", "mobilenumber", "mobileno", "cell", "cellphone", "msisdn",
        // Names.
        "name", "fullname", "firstname", "fname", "givenname", "forename", "lastname", "lname", "surname", "familyname",
        "middlename", "customername", "username",
        // Address.
        "address", "address1", "address2", "addressline1", "addressline2", "street", "streetaddress", "zip", "zipcode",
        "postcode", "postalcode", "postal", "city",
        // Birth, identity documents, IP.
        "dob", "dateofbirth", "birthdate", "birthday", "gender", "ssn", "ip", "ipaddress",
        // Secrets: Shopify's order-page key, tokens, passwords, signed-URL signatures.
        "key", "token", "password", "passwd", "pwd", "secret", "apikey", "accesskey", "secretkey", "privatekey",
        "accesstoken", "authtoken", "idtoken", "refreshtoken", "sessionid", "sig", "signature", "otp",
    };

    /// <summary>
    /// Words that make any name personal wherever they stand in it (<c>customer_email</c>, <c>billing_phone</c>,
    /// <c>reset_token</c>). Words that are common in harmless names (<c>name</c> in <c>product_name</c>, <c>key</c>
    /// in <c>sort_key</c>) are only matched as whole names or in the pairs of <see cref="Names"/>.
    /// </summary>
    public static readonly IReadOnlySet<string> Words = new HashSet<string>(StringComparer.Ordinal)
    {
        "email", "mail", "phone", "telephone", "firstname", "lastname", "surname", "fullname", "address", "street",
        "zip", "zipcode", "postcode", "postalcode", "city", "dob", "birthday", "birthdate", "password", "passwd",
        "token", "secret",
    };

    /// <summary>True when the raw parameter text (<c>name=value</c>, as in the URL) must not be kept.</summary>
    public static bool IsPersonal(ReadOnlySpan<char> rawParameter)
    {
        if (rawParameter.IsEmpty) return false;
        var decoded = UrlText.Decode(rawParameter);
        if (EmailInText.Contains(decoded)) return true;
        // Some servers also split on ';': a name hidden behind one is still a name.
        foreach (var range in rawParameter.Split(';'))
            if (IsPersonalName(UrlText.Decode(NameOf(rawParameter[range])))) return true;
        return false;
    }

    /// <summary>True when the decoded name is a personal-data key, and not a click id or UTM parameter.</summary>
    public static bool IsPersonalName(string name)
    {
        if (name.Length == 0 || IsAlwaysKept(name)) return false;
        foreach (var segment in name.Split(['[', ']', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            var words = SplitWords(segment);
            if (words.Count == 0) continue;
            if (Names.Contains(string.Concat(words))) return true;
            for (var i = 0; i < words.Count; i++)
            {
                if (Words.Contains(words[i])) return true;
                // first_name inside billing_first_name, api_key inside x_api_key.
                for (var j = i + 1; j < words.Count; j++)
                    if (Names.Contains(string.Concat(words.Skip(i).Take(j - i + 1)))) return true;
            }
        }
        return false;
    }

    /// <summary>Click ids (exact case, as the platforms write them) and <c>utm_*</c> parameters.</summary>
    public static bool IsAlwaysKept(string name) =>
        ClickIdExtractor.Names.Contains(name, StringComparer.Ordinal)
        || name.StartsWith("utm_", StringComparison.OrdinalIgnoreCase);

    private static ReadOnlySpan<char> NameOf(ReadOnlySpan<char> parameter)
    {
        var equals = parameter.IndexOf('=');
        return equals < 0 ? parameter : parameter[..equals];
    }

    /// <summary>Lower-case words split at <c>_ - space</c> and at camel-case humps (<c>customerEmail</c> → customer, email).</summary>
    private static List<string> SplitWords(string segment)
    {
        var words = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < segment.Length; i++)
        {
            var c = segment[i];
            if (c is '_' or '-' or ' ' or '\t')
            {
                Flush();
                continue;
            }
            if (char.IsUpper(c) && i > 0 && char.IsLower(segment[i - 1])) Flush();
            current.Append(char.ToLowerInvariant(c));
        }
        Flush();
        return words;

        void Flush()
        {
            if (current.Length > 0) words.Add(current.ToString());
            current.Clear();
        }
    }
}
