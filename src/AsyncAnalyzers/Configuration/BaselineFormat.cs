using System;
using System.Collections.Generic;
using System.Text;

namespace AsyncAnalyzers.Configuration
{
    /// <summary>
    /// The AsyncAnalyzers.baseline.txt format, shared word for word by the suppressor (analyzer assembly) and the MSBuild
    /// task that writes the file (linked source): both must compute the same key for the same diagnostic.
    /// </summary>
    /// <remarks>
    /// One entry per line, tab separated: <c>rule, file, occurrence, line text</c>. The file is relative to the baseline's
    /// directory with '/' separators; the line text is the source line the diagnostic starts on, trimmed, whitespace runs
    /// collapsed (readable in review); entries compare it with all whitespace removed, so re-indentation or
    /// <c>dotnet format</c> spacing keeps an entry. The occurrence is how many earlier lines of the same file have the
    /// same compared text, so moving code keeps an entry and two identical lines stay two entries. Line numbers are not
    /// part of the key on purpose: edits elsewhere in the file must not make old diagnostics new.
    /// </remarks>
    internal static class BaselineFormat
    {
        public const string FileName = "AsyncAnalyzers.baseline.txt";

        public const string Header =
            "# AsyncAnalyzers baseline: diagnostics that existed when this file was written are suppressed; new ones are reported.\n" +
            "# Rewrite it with: dotnet build -p:AsyncAnalyzersUpdateBaseline=true   (entries: rule, file, occurrence, line text; tab separated)";

        /// <summary>The justification SARIF shows for a suppression by the baseline; the MSBuild task recognises it by this prefix.</summary>
        public const string Justification = "Listed in AsyncAnalyzers.baseline.txt (existing code; new diagnostics are still reported)";

        /// <summary>The text written to the file: trimmed, every whitespace run one space.</summary>
        public static string Readable(string line)
        {
            var builder = new StringBuilder(line.Length);
            var pendingSpace = false;
            foreach (var c in line)
            {
                if (char.IsWhiteSpace(c))
                {
                    pendingSpace = builder.Length > 0;
                    continue;
                }

                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }

                builder.Append(c);
            }

            return builder.ToString();
        }

        /// <summary>The text entries compare: every whitespace character removed.</summary>
        public static string Compared(string line)
        {
            var builder = new StringBuilder(line.Length);
            foreach (var c in line)
            {
                if (!char.IsWhiteSpace(c))
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        /// <summary>The path as written in an entry: relative to the baseline's directory, '/' separated.</summary>
        public static string RelativePath(string baselineDirectory, string filePath)
        {
            var directory = Slashes(baselineDirectory).TrimEnd('/') + "/";
            var file = Slashes(filePath);
            if (file.StartsWith(directory, StringComparison.OrdinalIgnoreCase))
            {
                return file.Substring(directory.Length);
            }

            // Linked files outside the project: walk up with "../".
            var dirParts = directory.TrimEnd('/').Split('/');
            var fileParts = file.Split('/');
            var common = 0;
            while (common < dirParts.Length && common < fileParts.Length - 1 && string.Equals(dirParts[common], fileParts[common], StringComparison.OrdinalIgnoreCase))
            {
                common++;
            }

            if (common == 0)
            {
                return file;
            }

            var builder = new StringBuilder();
            for (var i = common; i < dirParts.Length; i++)
            {
                builder.Append("../");
            }

            for (var i = common; i < fileParts.Length; i++)
            {
                builder.Append(fileParts[i]);
                if (i < fileParts.Length - 1)
                {
                    builder.Append('/');
                }
            }

            return builder.ToString();
        }

        public static string Format(BaselineEntry entry)
            => entry.Rule + "\t" + entry.File + "\t" + entry.Occurrence.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\t" + entry.Text;

        /// <summary>Parses one line; comments and blank lines give <c>null</c> with no error.</summary>
        public static BaselineEntry? Parse(string line, out string? error)
        {
            error = null;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#')
            {
                return null;
            }

            var parts = line.TrimStart().Split(new[] { '\t' }, 4);
            if (parts.Length < 4)
            {
                error = "expected 'rule<TAB>file<TAB>occurrence<TAB>line text'";
                return null;
            }

            if (!IsRuleId(parts[0]))
            {
                error = "'" + parts[0] + "' is not an ASYNC rule ID";
                return null;
            }

            if (!int.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var occurrence))
            {
                error = "occurrence '" + parts[2] + "' is not a non-negative integer";
                return null;
            }

            return new BaselineEntry(parts[0], parts[1], occurrence, Readable(parts[3]));
        }

        public static bool IsRuleId(string id)
            => id.Length == 8 && id.StartsWith("ASYNC", StringComparison.Ordinal) && char.IsDigit(id[5]) && char.IsDigit(id[6]) && char.IsDigit(id[7]);

        /// <summary>
        /// Splits source text into lines the way the compiler numbers them (CR LF, CR, LF, NEL, LS, PS), so a SARIF line
        /// number read back from disk lands on the line the compiler meant.
        /// </summary>
        public static List<string> SplitLines(string text)
        {
            var lines = new List<string>();
            var start = 0;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029')
                {
                    lines.Add(text.Substring(start, i - start));
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    start = i + 1;
                }
            }

            lines.Add(text.Substring(start));
            return lines;
        }

        /// <summary>For each line (0-based), how many earlier lines have the same compared text.</summary>
        public static int[] Occurrences(IReadOnlyList<string> comparedLines)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var result = new int[comparedLines.Count];
            for (var i = 0; i < comparedLines.Count; i++)
            {
                seen.TryGetValue(comparedLines[i], out var count);
                result[i] = count;
                seen[comparedLines[i]] = count + 1;
            }

            return result;
        }

        private static string Slashes(string path) => path.Replace('\\', '/');
    }

    /// <summary>One baseline line.</summary>
    internal sealed class BaselineEntry : IEquatable<BaselineEntry>
    {
        public BaselineEntry(string rule, string file, int occurrence, string text)
        {
            Rule = rule;
            File = file;
            Occurrence = occurrence;
            Text = text;
            Compared = BaselineFormat.Compared(text);
        }

        public string Rule { get; }

        public string File { get; }

        public int Occurrence { get; }

        /// <summary>The readable line text (whitespace collapsed).</summary>
        public string Text { get; }

        /// <summary>The line text as compared (whitespace removed).</summary>
        public string Compared { get; }

        public bool Equals(BaselineEntry? other)
            => other is not null && Rule == other.Rule && Occurrence == other.Occurrence
               && string.Equals(File, other.File, StringComparison.OrdinalIgnoreCase) && Compared == other.Compared;

        public override bool Equals(object? obj) => Equals(obj as BaselineEntry);

        public override int GetHashCode()
        {
            unchecked
            {
                return (((Rule.GetHashCode() * 397) ^ StringComparer.OrdinalIgnoreCase.GetHashCode(File)) * 397 ^ Compared.GetHashCode()) * 397 ^ Occurrence;
            }
        }
    }
}
