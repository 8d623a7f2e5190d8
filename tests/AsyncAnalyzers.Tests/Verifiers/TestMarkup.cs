using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>A span of test markup: <c>[|…|]</c> (Id null), <c>{|ID:…|}</c> or a location marker <c>{|#0:…|}</c>.</summary>
    public readonly record struct MarkupSpan(TextSpan Span, string? Id, int? MarkerIndex);

    /// <summary>Parses the markup of Microsoft.CodeAnalysis.Testing: <c>[|…|]</c>, <c>{|ID:…|}</c> and <c>{|#n:…|}</c>, nestable.</summary>
    public static class TestMarkup
    {
        public static (string Text, List<MarkupSpan> Spans) Parse(string markup)
        {
            var output = new StringBuilder(markup.Length);
            var spans = new List<MarkupSpan>();
            var open = new Stack<(char Closer, int Start, string? Id, int? Marker)>();
            var i = 0;
            while (i < markup.Length)
            {
                if (Starts(markup, i, "[|"))
                {
                    open.Push((']', output.Length, null, null));
                    i += 2;
                    continue;
                }

                if (Starts(markup, i, "{|"))
                {
                    var colon = markup.IndexOf(':', i + 2);
                    var label = colon < 0 ? null : markup.Substring(i + 2, colon - i - 2);
                    if (label is null || label.Length == 0 || label.IndexOfAny(new[] { ' ', '\n', '|', '{' }) >= 0)
                    {
                        throw new VerifierException($"Markup '{{|' at offset {i} must be followed by 'ID:' or '#n:'.");
                    }

                    if (label[0] == '#')
                    {
                        if (!int.TryParse(label.Substring(1), out var marker))
                        {
                            throw new VerifierException($"Location marker '{label}' must be '#' followed by a number.");
                        }

                        open.Push(('}', output.Length, null, marker));
                    }
                    else
                    {
                        open.Push(('}', output.Length, label, null));
                    }

                    i = colon + 1;
                    continue;
                }

                if (open.Count > 0 && (Starts(markup, i, "|]") || Starts(markup, i, "|}")))
                {
                    var closer = markup[i + 1];
                    var top = open.Pop();
                    if (top.Closer != closer)
                    {
                        throw new VerifierException($"Markup closer '|{closer}' at offset {i} does not match the opener of the span starting at {top.Start}.");
                    }

                    spans.Add(new MarkupSpan(TextSpan.FromBounds(top.Start, output.Length), top.Id, top.Marker));
                    i += 2;
                    continue;
                }

                output.Append(markup[i]);
                i++;
            }

            if (open.Count > 0)
            {
                throw new VerifierException($"Markup span opened at output offset {open.Peek().Start} is never closed.");
            }

            spans.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Span.End.CompareTo(b.Span.End));
            return (output.ToString(), spans);
        }

        private static bool Starts(string text, int index, string value)
            => index + value.Length <= text.Length && string.CompareOrdinal(text, index, value, 0, value.Length) == 0;
    }
}
