using System.Diagnostics.CodeAnalysis;

namespace Pipeline.Privacy;

/// <summary>
/// Takes personal data out of a URL before it is stored, queued, logged or sent: every query and fragment parameter
/// that <see cref="PersonalDataParameter"/> calls personal is removed, a fragment that holds an e-mail address in
/// any other shape goes whole, and credentials in the authority (<c>user:password@</c>) are dropped. Everything else
/// stays byte for byte (order, encoding, case), so a URL with nothing to remove comes back as the same string.
/// Scheme, host and path are not inspected for personal data. Pure; never throws, whatever the text.
/// </summary>
public static class UrlScrubber
{
    [return: NotNullIfNotNull(nameof(url))]
    public static string? Scrub(string? url)
    {
        if (string.IsNullOrEmpty(url)) return url;

        var hash = url.IndexOf('#');
        var beforeFragment = hash < 0 ? url : url[..hash];
        var question = beforeFragment.IndexOf('?');
        var head = question < 0 ? beforeFragment : beforeFragment[..question];
        var query = question < 0 ? null : beforeFragment[(question + 1)..];
        var fragment = hash < 0 ? null : url[(hash + 1)..];

        var cleanHead = WithoutUserInfo(head);
        var cleanQuery = query is null ? null : WithoutPersonalParameters(query);
        var cleanFragment = fragment is null ? null : ScrubFragment(fragment);
        if (ReferenceEquals(cleanHead, head) && ReferenceEquals(cleanQuery, query) && ReferenceEquals(cleanFragment, fragment))
            return url;

        var scrubbed = cleanHead;
        if (cleanQuery is { Length: > 0 } || cleanQuery is not null && ReferenceEquals(cleanQuery, query)) scrubbed += "?" + cleanQuery;
        if (cleanFragment is not null) scrubbed += "#" + cleanFragment;
        return scrubbed;
    }

    /// <summary>The parameters that are not personal, joined as they were; the same string when none is personal.</summary>
    private static string WithoutPersonalParameters(string parameters)
    {
        var kept = new List<string>();
        var removed = false;
        foreach (var range in parameters.AsSpan().Split('&'))
        {
            var parameter = parameters[range];
            if (PersonalDataParameter.IsPersonal(parameter)) removed = true;
            else if (parameter.Length > 0) kept.Add(parameter);
        }
        return removed ? string.Join('&', kept) : parameters;
    }

    /// <summary>
    /// A fragment can hold parameters too (<c>#email=…</c>, <c>#/route?token=…</c>, OAuth's <c>#access_token=…</c>):
    /// they are scrubbed like the query's. A fragment that still shows an e-mail address is dropped whole (null).
    /// </summary>
    private static string? ScrubFragment(string fragment)
    {
        if (!fragment.Contains('='))
            return EmailInText.Contains(UrlText.Decode(fragment)) ? null : fragment;

        var question = fragment.IndexOf('?');
        var prefix = question < 0 ? "" : fragment[..(question + 1)];
        var parameters = question < 0 ? fragment : fragment[(question + 1)..];
        if (EmailInText.Contains(UrlText.Decode(prefix))) return null;

        var clean = WithoutPersonalParameters(parameters);
        if (ReferenceEquals(clean, parameters)) return fragment;
        if (clean.Length > 0) return prefix + clean;
        var route = prefix.TrimEnd('?');
        return route.Length > 0 ? route : null;
    }

    /// <summary>The URL's start without <c>user:password@</c> in its authority; the same string when it has none.</summary>
    private static string WithoutUserInfo(string head)
    {
        var authorityStart = AuthorityStart(head);
        if (authorityStart < 0) return head;
        var authorityEnd = head.IndexOfAny(['/', '\\'], authorityStart);
        if (authorityEnd < 0) authorityEnd = head.Length;
        var at = head.AsSpan(authorityStart, authorityEnd - authorityStart).LastIndexOf('@');
        return at < 0 ? head : head[..authorityStart] + head[(authorityStart + at + 1)..];
    }

    /// <summary>Index just after <c>scheme://</c> or a leading <c>//</c>; -1 for a URL without an authority.</summary>
    private static int AuthorityStart(string head)
    {
        if (head.StartsWith("//", StringComparison.Ordinal)) return 2;
        var separator = head.IndexOf("://", StringComparison.Ordinal);
        if (separator <= 0 || !char.IsAsciiLetter(head[0])) return -1;
        for (var i = 1; i < separator; i++)
            if (!(char.IsAsciiLetterOrDigit(head[i]) || head[i] is '+' or '-' or '.')) return -1;
        return separator + 3;
    }
}
