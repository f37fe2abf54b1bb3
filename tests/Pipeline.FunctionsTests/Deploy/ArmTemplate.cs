using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pipeline.FunctionsTests.Deploy;

/// <summary>A value only Azure knows at deployment time (a resource's id, a generated name, a module's output).</summary>
public sealed class Unknown
{
    public static readonly Unknown Value = new();
    public const string Text = "<known-at-deployment>";
    public override string ToString() => Text;
}

/// <summary>
/// Evaluates the ARM JSON that <c>bicep build</c> writes, far enough to read what a deployment would set: parameters,
/// variables, nested deployments (modules) and the template language functions the compiled Bicep uses. What only
/// Azure knows (<c>reference()</c>, <c>uniqueString()</c>, …) evaluates to <see cref="Unknown"/>, which flows through
/// without hiding the names and literals around it.
/// </summary>
public sealed class ArmTemplate
{
    private readonly JsonElement _template;
    private readonly IReadOnlyDictionary<string, object?> _given;
    private readonly Dictionary<string, object?> _parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, object?> _variables = new(StringComparer.OrdinalIgnoreCase);

    public ArmTemplate(JsonElement template, IReadOnlyDictionary<string, object?> parameters)
    {
        _template = template;
        _given = new Dictionary<string, object?>(parameters, StringComparer.OrdinalIgnoreCase);
    }

    public object? Parameter(string name)
    {
        if (_parameters.TryGetValue(name, out var cached)) return cached;
        object? value;
        if (_given.TryGetValue(name, out var given)) value = given;
        else if (_template.GetProperty("parameters").TryGetProperty(name, out var declared) && declared.TryGetProperty("defaultValue", out var fallback))
            value = Evaluate(fallback);
        else throw new InvalidOperationException($"Parameter '{name}' has no value and no default.");
        return _parameters[name] = value;
    }

    public object? Variable(string name)
    {
        if (_variables.TryGetValue(name, out var cached)) return cached;
        return _variables[name] = Evaluate(_template.GetProperty("variables").GetProperty(name));
    }

    /// <summary>A resource by its symbolic name (the compiled Bicep's language version 2.0 keys resources by name).</summary>
    public JsonElement Resource(string symbolicName) => _template.GetProperty("resources").GetProperty(symbolicName);

    /// <summary>A module: its template, with the parameters this template passes it.</summary>
    public ArmTemplate Module(string symbolicName)
    {
        var properties = Resource(symbolicName).GetProperty("properties");
        var parameters = properties.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.TryGetProperty("copy", out var copy) ? Copy(copy) : Evaluate(p.Value.GetProperty("value")));
        return new ArmTemplate(properties.GetProperty("template"), parameters);
    }

    /// <summary>A parameter built by a <c>copy</c> loop (a Bicep <c>for</c> expression): one input per <c>copyIndex()</c>.</summary>
    private object? Copy(JsonElement copy)
    {
        var loop = copy.EnumerateArray().Single();
        var name = loop.GetProperty("name").GetString()!;
        if (Evaluate(loop.GetProperty("count")) is not long count) return Unknown.Value;
        return Enumerable.Range(0, (int)count)
            .Select(i => Evaluate(loop.GetProperty("input"), new Scope(this, Parameter, new Dictionary<string, object?> { [CopyIndexVariable(name)] = (long)i })))
            .ToList();
    }

    private static string CopyIndexVariable(string loop) => "copyIndex:" + loop;

    /// <summary>Plain JSON (no expressions) as template values.</summary>
    public static object? FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetInt64(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Array => value.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value), StringComparer.OrdinalIgnoreCase),
        _ => throw new NotSupportedException(value.ValueKind.ToString()),
    };

    /// <summary>A JSON value of the template: strings in brackets are expressions, <c>[[</c> escapes a literal bracket.</summary>
    public object? Evaluate(JsonElement value) => Evaluate(value, new Scope(this, Parameter, new Dictionary<string, object?>()));

    private object? Evaluate(JsonElement value, Scope scope) => value.ValueKind switch
    {
        JsonValueKind.String => EvaluateString(value.GetString()!, scope),
        JsonValueKind.Number => value.GetInt64(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Null => null,
        JsonValueKind.Array => value.EnumerateArray().Select(v => Evaluate(v, scope)).ToList(),
        JsonValueKind.Object => value.EnumerateObject().ToDictionary(p => p.Name, p => Evaluate(p.Value, scope), StringComparer.OrdinalIgnoreCase),
        _ => throw new NotSupportedException(value.ValueKind.ToString()),
    };

    private static object? EvaluateString(string text, Scope scope)
    {
        if (text.StartsWith("[[")) return text[1..];
        if (!(text.StartsWith('[') && text.EndsWith(']'))) return text;
        var parser = new Parser(text[1..^1]);
        var expression = parser.ParseExpression();
        parser.ExpectEnd();
        return expression.Evaluate(scope);
    }

    internal object? CallUserFunction(string name, IReadOnlyList<object?> arguments)
    {
        var dot = name.IndexOf('.');
        var (ns, member) = (name[..dot], name[(dot + 1)..]);
        var function = _template.GetProperty("functions").EnumerateArray()
            .Single(f => f.GetProperty("namespace").GetString() == ns)
            .GetProperty("members").GetProperty(member);
        var names = function.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList();
        var values = names.Select((n, i) => (n, arguments[i])).ToDictionary(p => p.n, p => p.Item2, StringComparer.OrdinalIgnoreCase);
        return Evaluate(function.GetProperty("output").GetProperty("value"),
            new Scope(this, n => values[n], new Dictionary<string, object?>()));
    }

    internal sealed record Scope(ArmTemplate Template, Func<string, object?> Parameters, IReadOnlyDictionary<string, object?> LambdaVariables);

    internal sealed record Lambda(IReadOnlyList<string> Names, Node Body, Scope Scope)
    {
        public object? Invoke(params object?[] arguments)
        {
            var variables = new Dictionary<string, object?>(Scope.LambdaVariables, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < Names.Count; i++) variables[Names[i]] = arguments[i];
            return Body.Evaluate(Scope with { LambdaVariables = variables });
        }
    }

    internal abstract record Node
    {
        public abstract object? Evaluate(Scope scope);
    }

    private sealed record Literal(object? Value) : Node
    {
        public override object? Evaluate(Scope scope) => Value;
    }

    private sealed record Property(Node Target, Node Key) : Node
    {
        public override object? Evaluate(Scope scope)
        {
            var target = Target.Evaluate(scope);
            var key = Key.Evaluate(scope);
            return (target, key) switch
            {
                (Unknown, _) or (_, Unknown) => Unknown.Value,
                (IDictionary<string, object?> o, string k) => o.TryGetValue(k, out var v) ? v
                    : throw new InvalidOperationException($"No property '{k}' in {Functions.Json(o)}."),
                (IList<object?> a, long i) => a[(int)i],
                _ => throw new InvalidOperationException($"Cannot read '{key}' of {target}."),
            };
        }
    }

    private sealed record Call(string Name, IReadOnlyList<Node> Arguments) : Node
    {
        public override object? Evaluate(Scope scope)
        {
            switch (Name.ToLowerInvariant())
            {
                case "if":
                    return Arguments[0].Evaluate(scope) switch
                    {
                        true => Arguments[1].Evaluate(scope),
                        false => Arguments[2].Evaluate(scope),
                        _ => Unknown.Value,
                    };
                case "lambda":
                    var names = Arguments.SkipLast(1).Select(a => (string)a.Evaluate(scope)!).ToList();
                    return new Lambda(names, Arguments[^1], scope);
                case "parameters":
                    return scope.Parameters((string)Arguments[0].Evaluate(scope)!);
                case "variables":
                    return scope.Template.Variable((string)Arguments[0].Evaluate(scope)!);
                case "lambdavariables":
                    return scope.LambdaVariables[(string)Arguments[0].Evaluate(scope)!];
                case "copyindex":
                    return scope.LambdaVariables[CopyIndexVariable(Arguments.Count > 0 ? (string)Arguments[0].Evaluate(scope)! : "")];
            }
            var values = Arguments.Select(a => a.Evaluate(scope)).ToList();
            return Name.Contains('.') ? scope.Template.CallUserFunction(Name, values) : Functions.Apply(Name.ToLowerInvariant(), values);
        }
    }

    /// <summary>The template functions the compiled Bicep uses; anything only Azure can answer is <see cref="Unknown"/>.</summary>
    private static class Functions
    {
        private static readonly HashSet<string> DeploymentTime =
        [
            "reference", "resourceid", "subscription", "resourcegroup", "deployment", "environment", "uniquestring",
            "newguid", "utcnow", "listkeys", "tenant", "subscriptionresourceid", "extensionresourceid", "tenantresourceid",
            "managementgroup", "guid",
        ];

        public static object? Apply(string name, IReadOnlyList<object?> a)
        {
            if (DeploymentTime.Contains(name)) return Unknown.Value;
            switch (name)
            {
                case "format": return Format(a);
                case "concat":
                    return a.All(v => v is IList<object?>) ? a.SelectMany(v => (IList<object?>)v!).ToList() : string.Concat(a.Select(Text));
                case "createobject":
                    var created = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i < a.Count; i += 2) created[Text(a[i])] = a[i + 1];
                    return created;
                case "union":
                    if (a.Any(v => v is Unknown)) return Unknown.Value;
                    if (a.All(v => v is IList<object?>)) return a.SelectMany(v => (IList<object?>)v!).Distinct().ToList();
                    var merged = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var o in a.Cast<IDictionary<string, object?>>())
                        foreach (var (k, v) in o) merged[k] = v;
                    return merged;
                case "empty":
                    return a[0] switch
                    {
                        Unknown => Unknown.Value,
                        null => true,
                        string s => s.Length == 0,
                        IDictionary<string, object?> o => o.Count == 0,
                        IList<object?> l => l.Count == 0,
                        _ => false,
                    };
                case "not": return a[0] is bool b ? !b : Unknown.Value;
                case "and": return a.Any(v => v is false) ? false : a.All(v => v is true) ? true : Unknown.Value;
                case "or": return a.Any(v => v is true) ? true : a.All(v => v is false) ? false : Unknown.Value;
                case "equals":
                    return a.Any(v => v is Unknown) ? Unknown.Value
                        : a[0] is string x && a[1] is string y ? string.Equals(x, y, StringComparison.OrdinalIgnoreCase) : Equals(a[0], a[1]);
                case "true": return true;
                case "false": return false;
                case "null": return null;
                case "string": return a[0] is string s0 ? s0 : a[0] is Unknown ? Unknown.Value : Json(a[0]);
                case "tolower": return a[0] is string l0 ? l0.ToLowerInvariant() : Unknown.Value;
                case "toupper": return a[0] is string u0 ? u0.ToUpperInvariant() : Unknown.Value;
                case "replace":
                    return a[0] is string s1 && a[1] is string old && a[2] is string @new ? s1.Replace(old, @new)
                        : a[0] is string s2 && a[1] is string old2 ? s2.Replace(old2, Unknown.Text) : Unknown.Value;
                case "length":
                    return a[0] switch
                    {
                        string s => (long)s.Length,
                        IList<object?> l => (long)l.Count,
                        IDictionary<string, object?> o => (long)o.Count,
                        _ => Unknown.Value,
                    };
                case "contains":
                    return a[0] switch
                    {
                        string s when a[1] is string t => s.Contains(t, StringComparison.OrdinalIgnoreCase),
                        IDictionary<string, object?> o when a[1] is string k => o.ContainsKey(k),
                        IList<object?> l => l.Contains(a[1]),
                        _ => Unknown.Value,
                    };
                case "coalesce": return a.FirstOrDefault(v => v is not null);
                case "items":
                    if (a[0] is Unknown) return Unknown.Value;
                    return ((IDictionary<string, object?>)a[0]!).OrderBy(kv => kv.Key, StringComparer.OrdinalIgnoreCase)
                        .Select(kv => (object?)new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["key"] = kv.Key, ["value"] = kv.Value })
                        .ToList();
                case "toobject":
                    if (a[0] is Unknown) return Unknown.Value;
                    var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var item in (IList<object?>)a[0]!)
                        result[Text(((Lambda)a[1]!).Invoke(item))] = a.Count > 2 ? ((Lambda)a[2]!).Invoke(item) : item;
                    return result;
                case "json":
                    using (var doc = JsonDocument.Parse(Text(a[0])))
                        return FromJson(doc.RootElement);
                default:
                    throw new NotSupportedException($"Template function '{name}' is not evaluated by this test; add it to {nameof(ArmTemplate)}.");
            }
        }

        private static string Format(IReadOnlyList<object?> a)
        {
            var format = Text(a[0]);
            var output = new StringBuilder();
            for (var i = 0; i < format.Length; i++)
            {
                if (format[i] == '{' && i + 1 < format.Length && format[i + 1] == '{') { output.Append('{'); i++; continue; }
                if (format[i] == '}' && i + 1 < format.Length && format[i + 1] == '}') { output.Append('}'); i++; continue; }
                if (format[i] != '{') { output.Append(format[i]); continue; }
                var end = format.IndexOf('}', i);
                var index = int.Parse(format[(i + 1)..end].Split(':')[0], CultureInfo.InvariantCulture);
                output.Append(Text(a[index + 1]));
                i = end;
            }
            return output.ToString();
        }

        public static string Text(object? value) => value switch
        {
            null => "",
            string s => s,
            bool b => b ? "True" : "False",
            long l => l.ToString(CultureInfo.InvariantCulture),
            Unknown => Unknown.Text,
            _ => Json(value),
        };

        public static string Json(object? value) => JsonSerializer.Serialize(value switch
        {
            Unknown => Unknown.Text,
            _ => value,
        });
    }

    /// <summary>The expression language: literals, function calls (namespaced for user functions), <c>.name</c> and <c>[index]</c>.</summary>
    private sealed class Parser(string text)
    {
        private int _at;

        public Node ParseExpression()
        {
            Skip();
            Node node;
            if (Peek() == '\'') node = new Literal(ReadString());
            else if (char.IsDigit(Peek()) || Peek() == '-') node = new Literal(ReadNumber());
            else
            {
                var name = ReadName(allowDots: true);
                Expect('(');
                var arguments = new List<Node>();
                Skip();
                if (Peek() != ')')
                {
                    do { arguments.Add(ParseExpression()); Skip(); } while (TryRead(','));
                }
                Expect(')');
                node = new Call(name, arguments);
            }
            while (true)
            {
                Skip();
                if (TryRead('.')) node = new Property(node, new Literal(ReadName(allowDots: false)));
                else if (TryRead('[')) { var key = ParseExpression(); Expect(']'); node = new Property(node, key); }
                else return node;
            }
        }

        public void ExpectEnd()
        {
            Skip();
            if (_at != text.Length) throw new FormatException($"Unexpected '{text[_at..]}' in [{text}].");
        }

        private char Peek() => _at < text.Length ? text[_at] : '\0';

        private void Skip()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at])) _at++;
        }

        private bool TryRead(char c)
        {
            Skip();
            if (Peek() != c) return false;
            _at++;
            return true;
        }

        private void Expect(char c)
        {
            if (!TryRead(c)) throw new FormatException($"Expected '{c}' at {_at} in [{text}].");
        }

        private string ReadName(bool allowDots)
        {
            Skip();
            var start = _at;
            while (_at < text.Length && (char.IsLetterOrDigit(text[_at]) || text[_at] is '_' or '$' or '#' || (allowDots && text[_at] == '.'))) _at++;
            if (start == _at) throw new FormatException($"Expected a name at {_at} in [{text}].");
            return text[start.._at];
        }

        private string ReadString()
        {
            var output = new StringBuilder();
            _at++;
            while (true)
            {
                if (_at >= text.Length) throw new FormatException($"Unterminated string in [{text}].");
                if (text[_at] == '\'')
                {
                    if (_at + 1 < text.Length && text[_at + 1] == '\'') { output.Append('\''); _at += 2; continue; }
                    _at++;
                    return output.ToString();
                }
                output.Append(text[_at++]);
            }
        }

        private long ReadNumber()
        {
            var start = _at;
            if (Peek() == '-') _at++;
            while (char.IsDigit(Peek())) _at++;
            return long.Parse(text[start.._at], CultureInfo.InvariantCulture);
        }
    }
}
