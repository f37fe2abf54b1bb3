namespace Pipeline.Identity;

/// <summary>The words that say a person is a man or a woman, as Meta's reference implementation reads them.</summary>
internal static class GenderWords
{
    private static readonly HashSet<string> Male = new(
    [
        "m", "male", "man", "boy", "gentleman", "guy", "sir", "mister", "mr", "son", "father", "dad", "daddy", "papa",
        "uncle", "nephew", "brother", "husband", "boyfriend", "groom", "widower", "king", "prince", "duke", "count",
        "emperor", "god", "lord", "lad", "fellow", "chap", "bloke", "dude", "he", "him", "his", "himself",
    ], StringComparer.Ordinal);

    private static readonly HashSet<string> Female = new(
    [
        "f", "female", "woman", "girl", "lady", "miss", "ms", "mrs", "madam", "ma'am", "daughter", "mother", "mom",
        "mama", "mommy", "aunt", "niece", "sister", "wife", "girlfriend", "bride", "widow", "queen", "princess",
        "duchess", "countess", "empress", "goddess", "maiden", "lass", "gal", "chick", "dame", "belle", "she", "her",
        "hers", "herself",
    ], StringComparer.Ordinal);

    /// <summary><c>m</c>, <c>f</c>, or null when the word says neither.</summary>
    public static string? Letter(string value)
    {
        var word = UnicodeText.ToLower(UnicodeText.Trim(value)).TrimEnd('.');
        return Male.Contains(word) ? "m" : Female.Contains(word) ? "f" : null;
    }
}
