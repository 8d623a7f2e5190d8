using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using AsyncAnalyzers.Blocking;
using AsyncAnalyzers.Common;
using AsyncAnalyzers.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using LockVerify = AsyncAnalyzers.Tests.Verifiers.CSharpAnalyzerVerifier<AsyncAnalyzers.Blocking.LockAcrossAwaitAnalyzer>;

namespace AsyncAnalyzers.Tests.Common
{
    /// <summary>
    /// How <see cref="KnownSymbols"/> finds a framework type when polyfills declare it again: internal copies in other
    /// assemblies must not hide the one the code uses (GetTypeByMetadataName alone answers null as soon as two exist).
    /// </summary>
    public sealed class KnownSymbolsTests
    {
        private const string PublicLock = """
            namespace System.Threading
            {
                public sealed class Lock
                {
                    public void Enter() { }
                    public void Exit() { }
                }
            }
            """;

        private const string InternalLock = """
            namespace System.Threading
            {
                internal sealed class Lock
                {
                    public void Enter() { }
                    public void Exit() { }
                }
            }
            """;

        private static MetadataReference Library(string name, string source, ReferenceSet references)
        {
            var compilation = CSharpCompilation.Create(
                name,
                new[] { CSharpSyntaxTree.ParseText(source) },
                ReferenceSets.Get(references),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return compilation.ToMetadataReference();
        }

        private static Compilation Consumer(ReferenceSet references, string source, params MetadataReference[] libraries)
            => CSharpCompilation.Create(
                "Consumer",
                new[] { CSharpSyntaxTree.ParseText(source) },
                ReferenceSets.Get(references).Concat(libraries),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        [Fact]
        public void Public_polyfill_wins_over_internal_copies_in_other_references()
        {
            var polyfill = Library("Polyfill", PublicLock, ReferenceSet.Net80);
            var first = Library("FirstLibrary", InternalLock, ReferenceSet.Net80);
            var second = Library("SecondLibrary", InternalLock, ReferenceSet.Net80);
            var compilation = Consumer(ReferenceSet.Net80, "class C { }", polyfill, first, second);

            // The precondition the resolver exists for: the plain lookup gives up.
            Assert.Null(compilation.GetTypeByMetadataName("System.Threading.Lock"));

            var resolved = KnownSymbols.Get(compilation).Lock;
            Assert.NotNull(resolved);
            Assert.Equal("Polyfill", resolved!.ContainingAssembly.Name);
        }

        [Fact]
        public void Core_library_type_wins_over_an_internal_copy_with_internals_visible()
        {
            // An internal copy the consumer can see (InternalsVisibleTo) next to the framework's own Lock on net10.0.
            var friend = Library(
                "Friend",
                "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"Consumer\")]\n" + InternalLock,
                ReferenceSet.Net100);
            var compilation = Consumer(ReferenceSet.Net100, "class C { }", friend);

            var resolved = KnownSymbols.Get(compilation).Lock;
            Assert.NotNull(resolved);
            Assert.Equal(compilation.GetSpecialType(SpecialType.System_Object).ContainingAssembly, resolved!.ContainingAssembly, SymbolEqualityComparer.Default);
        }

        [Fact]
        public void Own_declaration_wins()
        {
            var polyfill = Library("Polyfill", PublicLock, ReferenceSet.Net80);
            var compilation = Consumer(ReferenceSet.Net80, InternalLock, polyfill);

            Assert.Equal("Consumer", KnownSymbols.Get(compilation).Lock!.ContainingAssembly.Name);
        }

        [Fact]
        public void Two_usable_declarations_are_ambiguous_and_resolve_to_nothing()
        {
            var first = Library("FirstPolyfill", PublicLock, ReferenceSet.Net80);
            var second = Library("SecondPolyfill", PublicLock, ReferenceSet.Net80);
            var compilation = Consumer(ReferenceSet.Net80, "class C { }", first, second);

            Assert.Null(KnownSymbols.Get(compilation).Lock);
        }

        [Fact]
        public void Only_inaccessible_copies_resolve_to_nothing()
        {
            var first = Library("FirstLibrary", InternalLock, ReferenceSet.Net80);
            var second = Library("SecondLibrary", InternalLock, ReferenceSet.Net80);
            var compilation = Consumer(ReferenceSet.Net80, "class C { }", first, second);

            Assert.Null(KnownSymbols.Get(compilation).Lock);
        }

        [Fact]
        public void Every_known_type_resolves_on_net10()
        {
            // Each entry of the table names a real type: a typo in a metadata name would silently switch a check off.
            var compilation = Consumer(ReferenceSet.Net100, "class C { }");
            var known = KnownSymbols.Get(compilation);
            var unresolved = new List<string>();
            for (var type = (KnownType)0; type < KnownType.Count; type++)
            {
                if (known.Get(type) is null)
                {
                    unresolved.Add(type.ToString());
                }
            }

            Assert.Empty(unresolved);
        }

        [Fact]
        public async Task ASYNC105_sees_a_polyfilled_Lock_that_other_references_also_declare_internally()
        {
            var test = new AnalyzerTest<LockAcrossAwaitAnalyzer>
            {
                TestCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    class C
                    {
                        private readonly Lock _lock = new Lock();

                        async Task M()
                        {
                            {|#0:_lock.Enter()|};
                            await Task.Delay(1);
                            _lock.Exit();
                        }
                    }
                    """,
                ReferenceAssemblies = ReferenceSet.Net80,
            };
            test.TestState.AdditionalProjects["Polyfill"].Sources.Add(PublicLock);
            test.TestState.AdditionalProjects["FirstLibrary"].Sources.Add(InternalLock);
            test.TestState.AdditionalProjects["SecondLibrary"].Sources.Add(InternalLock);
            test.TestState.AdditionalProjectReferences.Add("Polyfill");
            test.TestState.AdditionalProjectReferences.Add("FirstLibrary");
            test.TestState.AdditionalProjectReferences.Add("SecondLibrary");
            test.ExpectedDiagnostics.Add(LockVerify.Diagnostic().WithLocation(0).WithArguments("Lock.Enter"));
            await test.RunAsync();
        }
    }
}
