using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using AsyncAnalyzers.Configuration;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace AsyncAnalyzers.Tasks
{
    /// <summary>
    /// Runs after a project's build (after all target frameworks of a multi-target project). Reads the compiler's SARIF
    /// logs and either rewrites AsyncAnalyzers.baseline.txt with every current ASYNC diagnostic (<see cref="Update"/>) or
    /// reports, once, the baseline entries that no longer match any diagnostic so the file can shrink.
    /// </summary>
    public sealed class AsyncAnalyzersBaseline : Task
    {
        /// <summary>The baseline file (next to the project file).</summary>
        [Required]
        public string BaselineFile { get; set; } = string.Empty;

        /// <summary>The SARIF logs of this build, one per target framework.</summary>
        public ITaskItem[] ErrorLogs { get; set; } = Array.Empty<ITaskItem>();

        /// <summary>Rewrite the baseline instead of checking it.</summary>
        public bool Update { get; set; }

        /// <summary>
        /// The project's source files. A log with diagnostics in other files was written by other projects too (a
        /// user's ErrorLog shared across a solution): stale entries are then not checked, rather than reported wrongly.
        /// </summary>
        public ITaskItem[] SourceFiles { get; set; } = Array.Empty<ITaskItem>();

        public override bool Execute()
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(BaselineFile)) ?? string.Empty;
            var current = new HashSet<BaselineEntry>();
            var lines = new Dictionary<string, SourceLines?>(StringComparer.OrdinalIgnoreCase);
            var sources = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var source in SourceFiles)
            {
                sources.Add(Path.GetFullPath(source.ItemSpec));
            }

            string? foreign = null;
            foreach (var log in ErrorLogs)
            {
                var path = log.ItemSpec;
                if (!File.Exists(path))
                {
                    if (Update)
                    {
                        Log.LogError("AsyncAnalyzers: the compiler's SARIF log '{0}' is missing, so the baseline cannot be written. Rebuild with -p:AsyncAnalyzersUpdateBaseline=true --no-incremental.", path);
                        return false;
                    }

                    Log.LogMessage(MessageImportance.Low, "AsyncAnalyzers: no SARIF log at '{0}' (the compiler did not run); stale baseline entries are not checked.", path);
                    return true;
                }

                List<SarifResult> results;
                try
                {
                    results = SarifReader.Read(File.ReadAllText(path), BaselineFormat.Justification);
                }
                catch (Exception e) when (e is FormatException || e is IOException || e is UnauthorizedAccessException)
                {
                    if (Update)
                    {
                        // An update always reads its own log, which its compiler has finished writing.
                        Log.LogError("AsyncAnalyzers: {0}: {1}", path, e.Message);
                        return false;
                    }

                    // A check only reports stale entries (the suppressor does the suppressing, in the compiler). A
                    // user's ErrorLog shared by a solution's projects can be half written by another project's compiler
                    // right now: that must not fail the build (it did, under -warnaserror, in 1 to 2 builds of 8).
                    Log.LogMessage(MessageImportance.Normal, "AsyncAnalyzers: the SARIF log '{0}' could not be read ({1}); another project's compiler may be writing it (an ErrorLog shared by several projects?). Stale baseline entries are not checked.", path, e.Message);
                    return true;
                }

                foreach (var result in results)
                {
                    // Diagnostics of the package the baseline can hold; the ones suppressed by other means (#pragma,
                    // [SuppressMessage]) are not the baseline's business.
                    if (!BaselineFormat.IsRuleId(result.RuleId) || result.RuleId == "ASYNC001" || result.Uri is null || result.StartLine <= 0
                        || (result.Suppressed && !result.SuppressedByBaseline))
                    {
                        continue;
                    }

                    var file = ToLocalPath(result.Uri, directory);
                    if (sources.Count > 0 && !sources.Contains(file))
                    {
                        foreign ??= file;
                    }

                    if (!lines.TryGetValue(file, out var source))
                    {
                        source = SourceLines.Read(file);
                        lines.Add(file, source);
                    }

                    if (source is null || result.StartLine > source.Count)
                    {
                        continue;
                    }

                    var index = result.StartLine - 1;
                    current.Add(new BaselineEntry(result.RuleId, BaselineFormat.RelativePath(directory, file), source.Occurrence(index), BaselineFormat.Readable(source.Line(index))));
                }
            }

            if (!Update && foreign is not null)
            {
                Log.LogMessage(MessageImportance.Normal, "AsyncAnalyzers: the SARIF log also holds diagnostics of '{0}', which this project does not compile (a log shared by several projects?); stale baseline entries are not checked.", foreign);
                return true;
            }

            return Update ? Write(current) : ReportStale(current);
        }

        private bool Write(HashSet<BaselineEntry> current)
        {
            var entries = new List<BaselineEntry>(current);
            entries.Sort(static (a, b) =>
            {
                var order = string.CompareOrdinal(a.File, b.File);
                order = order != 0 ? order : string.CompareOrdinal(a.Rule, b.Rule);
                order = order != 0 ? order : string.CompareOrdinal(a.Text, b.Text);
                return order != 0 ? order : a.Occurrence.CompareTo(b.Occurrence);
            });

            if (entries.Count == 0)
            {
                if (File.Exists(BaselineFile))
                {
                    File.Delete(BaselineFile);
                    Log.LogMessage(MessageImportance.High, "AsyncAnalyzers: no ASYNC diagnostics left; deleted {0}.", BaselineFile);
                }
                else
                {
                    Log.LogMessage(MessageImportance.High, "AsyncAnalyzers: no ASYNC diagnostics; no baseline written.");
                }

                return true;
            }

            var text = new StringBuilder();
            text.Append(BaselineFormat.Header).Append('\n');
            foreach (var entry in entries)
            {
                text.Append(BaselineFormat.Format(entry)).Append('\n');
            }

            var content = text.ToString();

            // Unchanged content keeps the file's timestamp, so the next build does not recompile for nothing.
            if (!File.Exists(BaselineFile) || File.ReadAllText(BaselineFile) != content)
            {
                File.WriteAllText(BaselineFile, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            }

            Log.LogMessage(MessageImportance.High, "AsyncAnalyzers: wrote {0} with {1} entr{2}.", BaselineFile, entries.Count, entries.Count == 1 ? "y" : "ies");
            return true;
        }

        private bool ReportStale(HashSet<BaselineEntry> current)
        {
            if (!File.Exists(BaselineFile))
            {
                return true;
            }

            var stale = new List<(int Line, BaselineEntry Entry)>();
            var number = 0;
            foreach (var line in File.ReadAllLines(BaselineFile))
            {
                number++;
                if (BaselineFormat.Parse(line, out _) is { } entry && !current.Contains(entry))
                {
                    stale.Add((number, entry));
                }
            }

            if (stale.Count == 0)
            {
                return true;
            }

            Log.LogMessage(
                MessageImportance.High,
                "AsyncAnalyzers: {0} baseline entr{1} in {2} no longer {3} a diagnostic (fixed, or the line changed); dotnet build -p:AsyncAnalyzersUpdateBaseline=true drops {4}.",
                stale.Count,
                stale.Count == 1 ? "y" : "ies",
                BaselineFile,
                stale.Count == 1 ? "matches" : "match",
                stale.Count == 1 ? "it" : "them");
            foreach (var (line, entry) in stale)
            {
                Log.LogMessage(null, "AsyncAnalyzersBaseline", null, BaselineFile, line, 0, 0, 0, MessageImportance.High, "stale baseline entry: {0} {1}: {2}", entry.Rule, entry.File, entry.Text);
            }

            return true;
        }

        private static string ToLocalPath(string uri, string directory)
        {
            if (Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile)
            {
                return absolute.LocalPath;
            }

            return Path.GetFullPath(Path.Combine(directory, Uri.UnescapeDataString(uri)));
        }

        /// <summary>A source file's lines as the compiler numbers them, with their occurrence indexes.</summary>
        private sealed class SourceLines
        {
            private readonly List<string> _lines;
            private readonly int[] _occurrences;

            private SourceLines(List<string> lines)
            {
                _lines = lines;
                var compared = new string[lines.Count];
                for (var i = 0; i < compared.Length; i++)
                {
                    compared[i] = BaselineFormat.Compared(lines[i]);
                }

                _occurrences = BaselineFormat.Occurrences(compared);
            }

            public int Count => _lines.Count;

            public string Line(int index) => _lines[index];

            public int Occurrence(int index) => _occurrences[index];

            public static SourceLines? Read(string path)
                => File.Exists(path) ? new SourceLines(BaselineFormat.SplitLines(File.ReadAllText(path))) : null;
        }
    }
}
