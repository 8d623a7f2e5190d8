using System.Collections.Generic;

namespace AsyncAnalyzers.Tests.Verifiers
{
    /// <summary>Files of a test project, named like Microsoft.CodeAnalysis.Testing names them (/0/Test0.cs …).</summary>
    public sealed class SourceFileList : List<(string Path, string Content)>
    {
        private readonly string _prefix;
        private readonly string _extension;

        public SourceFileList(string prefix, string extension)
        {
            _prefix = prefix;
            _extension = extension;
        }

        public void Add(string content) => Add((_prefix + Count + _extension, content));
    }

    /// <summary>The sources, additional files, editorconfig files and expected diagnostics of a test.</summary>
    public sealed class ProjectState
    {
        public SourceFileList Sources { get; } = new SourceFileList("/0/Test", ".cs");

        /// <summary>Additional files (for example AsyncAnalyzers.Twins.txt): path and content.</summary>
        public SourceFileList AdditionalFiles { get; } = new SourceFileList("/0/File", ".txt");

        /// <summary>.editorconfig / .globalconfig files: path and content. Use "/.editorconfig" to cover every source.</summary>
        public List<(string Path, string Content)> AnalyzerConfigFiles { get; } = new List<(string Path, string Content)>();

        public List<DiagnosticResult> ExpectedDiagnostics { get; } = new List<DiagnosticResult>();

        /// <summary>More projects of the same solution, by name (their sources live under /Name/…).</summary>
        public Dictionary<string, ProjectState> AdditionalProjects { get; } = new Dictionary<string, ProjectState>(System.StringComparer.Ordinal);

        /// <summary>Names of <see cref="AdditionalProjects"/> this project references.</summary>
        public List<string> AdditionalProjectReferences { get; } = new List<string>();

        /// <summary>Where a source of an additional project lives: /0/Test0.cs becomes /Name/Test0.cs.</summary>
        internal static string PathIn(string projectName, string path)
            => path.StartsWith("/0/", System.StringComparison.Ordinal) ? "/" + projectName + "/" + path.Substring(3) : path;
    }

    /// <summary>Which compiler diagnostics take part in the comparison (they must then be expected too).</summary>
    public enum CompilerDiagnostics
    {
        None,
        Errors,
        Warnings,
    }
}
