using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace AsyncAnalyzers.Tasks
{
    /// <summary>One result of a compiler SARIF log: enough to compute its baseline key.</summary>
    internal sealed class SarifResult
    {
        public SarifResult(string ruleId, string? uri, int startLine, bool suppressed, bool suppressedByBaseline)
        {
            RuleId = ruleId;
            Uri = uri;
            StartLine = startLine;
            Suppressed = suppressed;
            SuppressedByBaseline = suppressedByBaseline;
        }

        public string RuleId { get; }

        public string? Uri { get; }

        /// <summary>1-based.</summary>
        public int StartLine { get; }

        public bool Suppressed { get; }

        /// <summary>Suppressed by AsyncAnalyzers' baseline suppressor (recognised by its justification).</summary>
        public bool SuppressedByBaseline { get; }
    }

    /// <summary>
    /// Reads the results of the compiler's SARIF log, version 2.1 (what the package asks for) or 1.0 (the compiler's
    /// default when a user sets ErrorLog without a version). A small JSON reader of our own: the task must not bring a
    /// JSON library whose version could clash with the one MSBuild has loaded.
    /// </summary>
    internal static class SarifReader
    {
        public static List<SarifResult> Read(string json, string justification)
        {
            var results = new List<SarifResult>();
            if (new JsonParser(json).ParseValue() is not Dictionary<string, object?> log || Get(log, "runs") is not List<object?> runs)
            {
                return results;
            }

            foreach (var run in runs)
            {
                if (Get(run, "results") is not List<object?> runResults)
                {
                    continue;
                }

                foreach (var result in runResults)
                {
                    if (Get(result, "ruleId") is not string ruleId)
                    {
                        continue;
                    }

                    string? uri = null;
                    var line = 0;
                    if (Get(result, "locations") is List<object?> { Count: > 0 } locations)
                    {
                        // 2.1: physicalLocation.artifactLocation.uri; 1.0: resultFile.uri. Both: region.startLine.
                        var physical = Get(locations[0], "physicalLocation") ?? Get(locations[0], "resultFile");
                        uri = Get(Get(physical, "artifactLocation"), "uri") as string ?? Get(physical, "uri") as string;
                        if (Get(Get(physical, "region"), "startLine") is double start)
                        {
                            line = (int)start;
                        }
                    }

                    var suppressed = false;
                    var byBaseline = false;
                    if (Get(result, "suppressions") is List<object?> suppressions && suppressions.Count > 0)
                    {
                        suppressed = true;
                        foreach (var suppression in suppressions)
                        {
                            // The compiler writes a suppressor's justification into properties.suppressionType
                            // ("DiagnosticSuppressor { Suppression Id: …, Suppression Justification: … }"); SARIF's own
                            // justification field is read too, should a compiler fill it.
                            if ((Get(suppression, "justification") is string text && text.IndexOf(justification, StringComparison.Ordinal) >= 0)
                                || (Get(Get(suppression, "properties"), "suppressionType") is string type && type.IndexOf(justification, StringComparison.Ordinal) >= 0))
                            {
                                byBaseline = true;
                            }
                        }
                    }
                    else if (Get(result, "suppressionStates") is List<object?> { Count: > 0 })
                    {
                        suppressed = true;
                    }

                    results.Add(new SarifResult(ruleId, uri, line, suppressed, byBaseline));
                }
            }

            return results;
        }

        private static object? Get(object? node, string name)
            => node is Dictionary<string, object?> map && map.TryGetValue(name, out var value) ? value : null;

        /// <summary>Objects become dictionaries, arrays lists, numbers doubles.</summary>
        private sealed class JsonParser
        {
            private readonly string _text;
            private int _position;

            public JsonParser(string text) => _text = text;

            public object? ParseValue()
            {
                SkipWhitespace();
                if (_position >= _text.Length)
                {
                    throw Error("unexpected end");
                }

                switch (_text[_position])
                {
                    case '{':
                        return ParseObject();
                    case '[':
                        return ParseArray();
                    case '"':
                        return ParseString();
                    case 't':
                        Expect("true");
                        return true;
                    case 'f':
                        Expect("false");
                        return false;
                    case 'n':
                        Expect("null");
                        return null;
                    default:
                        return ParseNumber();
                }
            }

            private Dictionary<string, object?> ParseObject()
            {
                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                _position++;
                SkipWhitespace();
                if (Peek() == '}')
                {
                    _position++;
                    return map;
                }

                while (true)
                {
                    SkipWhitespace();
                    var key = ParseString();
                    SkipWhitespace();
                    Consume(':');
                    map[key] = ParseValue();
                    SkipWhitespace();
                    if (Peek() == ',')
                    {
                        _position++;
                        continue;
                    }

                    Consume('}');
                    return map;
                }
            }

            private List<object?> ParseArray()
            {
                var list = new List<object?>();
                _position++;
                SkipWhitespace();
                if (Peek() == ']')
                {
                    _position++;
                    return list;
                }

                while (true)
                {
                    list.Add(ParseValue());
                    SkipWhitespace();
                    if (Peek() == ',')
                    {
                        _position++;
                        continue;
                    }

                    Consume(']');
                    return list;
                }
            }

            private string ParseString()
            {
                Consume('"');
                var builder = new StringBuilder();
                while (_position < _text.Length)
                {
                    var c = _text[_position++];
                    if (c == '"')
                    {
                        return builder.ToString();
                    }

                    if (c != '\\')
                    {
                        builder.Append(c);
                        continue;
                    }

                    if (_position >= _text.Length)
                    {
                        break;
                    }

                    var escaped = _text[_position++];
                    switch (escaped)
                    {
                        case 'n': builder.Append('\n'); break;
                        case 'r': builder.Append('\r'); break;
                        case 't': builder.Append('\t'); break;
                        case 'b': builder.Append('\b'); break;
                        case 'f': builder.Append('\f'); break;
                        case 'u' when _position + 4 <= _text.Length:
                            builder.Append((char)int.Parse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                            _position += 4;
                            break;
                        default: builder.Append(escaped); break;
                    }
                }

                throw Error("unterminated string");
            }

            private double ParseNumber()
            {
                var start = _position;
                while (_position < _text.Length && "+-0123456789.eE".IndexOf(_text[_position]) >= 0)
                {
                    _position++;
                }

                if (start == _position)
                {
                    throw Error("unexpected character '" + _text[_position] + "'");
                }

                return double.Parse(_text.Substring(start, _position - start), NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            private void Expect(string word)
            {
                if (string.CompareOrdinal(_text, _position, word, 0, word.Length) != 0)
                {
                    throw Error("expected " + word);
                }

                _position += word.Length;
            }

            private void Consume(char c)
            {
                SkipWhitespace();
                if (Peek() != c)
                {
                    throw Error("expected '" + c + "'");
                }

                _position++;
            }

            private char Peek() => _position < _text.Length ? _text[_position] : '\0';

            private void SkipWhitespace()
            {
                while (_position < _text.Length && char.IsWhiteSpace(_text[_position]))
                {
                    _position++;
                }
            }

            private FormatException Error(string what) => new FormatException("SARIF log is not valid JSON at offset " + _position.ToString(CultureInfo.InvariantCulture) + ": " + what);
        }
    }
}
