using System.Linq;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncAnalyzers.Tests.Semantics
{
    /// <summary>Compiles a snippet whose markup <c>[|…|]</c> marks one expression, and returns its operation.</summary>
    internal static class SemanticsTestHelpers
    {
        public static (IOperation Operation, SemanticModel Model) MarkedOperation(string markup, ReferenceSet references = ReferenceSet.Net100)
        {
            TestFileMarkupParser.GetSpans(markup, out var text, out System.Collections.Immutable.ImmutableArray<Microsoft.CodeAnalysis.Text.TextSpan> spans);
            var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.Latest), path: "/0/Test0.cs");
            var compilation = CSharpCompilation.Create(
                "Test",
                new[] { tree },
                ReferenceSets.Get(references),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true));
            var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            var model = compilation.GetSemanticModel(tree);
            var node = tree.GetRoot().FindNode(spans.Single(), getInnermostNodeForTie: true);
            var operation = model.GetOperation(node);
            Assert.NotNull(operation);
            return (operation!, model);
        }
    }
}
