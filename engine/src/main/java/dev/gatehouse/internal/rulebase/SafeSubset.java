package dev.gatehouse.internal.rulebase;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The safe subset of a rulebase, checked on what Drools really compiled: the bytecode of every class
 * of the executable model (rules, lambdas, DRL functions, declared types). Every method, field and
 * class a class refers to, every invokedynamic bootstrap and every method handle must be allowed:
 * the rulebase's own classes, the fact model ({@code dev.gatehouse.facts}), the Drools model DSL the
 * generator emits, {@code drools.insert/update/delete}, and a short list of pure JDK classes.
 * Anything else (System, Runtime, reflection, threads, I/O, the clock, {@code drools.halt()}) is a
 * finding. Pure and thread-safe.
 */
public final class SafeSubset {
    /**
     * One forbidden reference: the class and method it is in, what it refers to (as Java names:
     * {@code java.lang.System.exit}), how ({@code calls}, {@code reads}, {@code uses}, {@code catches}),
     * and the simple name to look for in the DRL text.
     */
    public record Finding(String className, String method, String verb, String member, String token) {}

    /** Where a generated method comes from: a rule (by name) or a DRL function (by name). */
    public record Origin(String rule, String function) {}

    /** The Drools model classes the executable-model generator emits (printed from the default rulebase, then generalised by arity). */
    private static final Pattern DROOLS_DSL =
            Pattern.compile("org/drools/model/(?:PatternDSL(?:\\$[A-Za-z]+)?|DSL|Index(?:\\$ConstraintType)?"
                    + "|Rule(?:\\$Attribute)?|RuleItemBuilder|RuleItem|Model|DomainClassMetadata|BitMask|Variable|Declaration|Argument|PatternDSL\\$PatternDef"
                    + "|view/[A-Za-z0-9$]+|operators/[A-Za-z]+Operator|functions/(?:Block|Predicate|Function)[0-9]+|functions/HashedExpression"
                    + "|functions/PredicateInformation|functions/accumulate/AccumulateFunction|consequences/ConsequenceBuilder(?:\\$_[0-9]+)?"
                    + "|impl/RuleBuilder)"
                    + "|org/drools/modelcompiler/dsl/pattern/D|org/drools/modelcompiler/util/EvaluationUtil"
                    + "|org/drools/core/base/accumulators/[A-Za-z]+AccumulateFunction");
    /** The consequence's {@code drools} (executable model) and {@code kcontext}-style helpers: only these methods. */
    private static final Set<String> CONSEQUENCE_API = Set.of(
            "org/drools/model/Drools",
            "org/drools/core/rule/consequence/KnowledgeHelper",
            "org/drools/core/spi/KnowledgeHelper");

    private static final Set<String> CONSEQUENCE_METHODS = Set.of("insert", "update", "delete");

    /** Pure JDK classes: every member unless {@link #DENIED_MEMBERS} says otherwise. */
    private static final Pattern JDK =
            Pattern.compile("java/lang/(?:String|StringBuilder|CharSequence|Comparable|Iterable|Math|StrictMath"
                    + "|Integer|Long|Short|Byte|Double|Float|Boolean|Character|Number|Enum|Record"
                    + "|RuntimeException|IllegalArgumentException|IllegalStateException|ArithmeticException"
                    + "|UnsupportedOperationException|NullPointerException|IndexOutOfBoundsException|Exception)"
                    + "|java/util/(?:List|ArrayList|LinkedList|Set|HashSet|LinkedHashSet|TreeSet|SortedSet|NavigableSet|Map|Map\\$Entry"
                    + "|HashMap|LinkedHashMap|TreeMap|SortedMap|NavigableMap|EnumMap|EnumSet|Collection|Collections|Arrays|Iterator"
                    + "|ListIterator|Queue|Deque|ArrayDeque|PriorityQueue|Comparator|Objects|Optional|OptionalInt|OptionalLong"
                    + "|OptionalDouble|StringJoiner|AbstractMap\\$SimpleEntry|AbstractMap\\$SimpleImmutableEntry|IntSummaryStatistics"
                    + "|LongSummaryStatistics|DoubleSummaryStatistics)"
                    + "|java/util/stream/[A-Za-z$]+|java/util/function/[A-Za-z$]+"
                    + "|java/time/(?!Clock$)[A-Za-z$]+|java/time/format/[A-Za-z$]+|java/time/temporal/[A-Za-z$]+"
                    + "|java/math/(?:BigDecimal|BigInteger|RoundingMode|MathContext)");
    /** Members of otherwise allowed classes that read the environment, the clock or randomness, or escape the session. */
    private static final Set<String> DENIED_MEMBERS = Set.of(
            "java/lang/Integer.getInteger",
            "java/lang/Long.getLong",
            "java/lang/Boolean.getBoolean",
            "java/lang/Math.random",
            "java/lang/StrictMath.random",
            "java/time/ZoneId.systemDefault",
            "java/util/TimeZone.getDefault");
    /** Names denied on every owner: the object monitor, the class, the clock, threads of the common pool, stack traces. */
    private static final Set<String> DENIED_NAMES = Set.of(
            "getClass",
            "wait",
            "notify",
            "notifyAll",
            "finalize",
            "parallelStream",
            "parallel",
            "now",
            "printStackTrace",
            "setStackTrace",
            "getStackTrace");
    /** Exceptions a rule may catch: never an Error (a timeout stops a runaway rule with one) nor everything (finally). */
    private static final Pattern CATCHABLE =
            Pattern.compile("java/lang/(?:RuntimeException|IllegalArgumentException|IllegalStateException"
                    + "|ArithmeticException|UnsupportedOperationException|NullPointerException|IndexOutOfBoundsException|Exception)"
                    + "|java/time/DateTimeException|java/time/format/DateTimeParseException");
    /** Single members of otherwise forbidden classes that the generator emits and that are pure. */
    private static final Set<String> ALLOWED_MEMBERS = Set.of(
            "java/lang/System.arraycopy",
            "java/lang/Object.<init>",
            "java/lang/Object.equals",
            "java/lang/Object.hashCode",
            "java/lang/Object.toString",
            "java/util/Locale.ENGLISH",
            "java/util/Locale.ROOT",
            "java/util/Locale.US",
            "org/drools/util/DateUtils.getDateFormatMask");

    private static final Set<String> BOOTSTRAPS =
            Set.of("java/lang/invoke/LambdaMetafactory", "java/lang/invoke/StringConcatFactory");
    private static final String FACTS = "dev/gatehouse/facts/";
    /** Interfaces of DRL-declared types ({@code declare T ... end}): markers, no behaviour a rule can call. */
    private static final Set<String> DECLARED_TYPE_INTERFACES = Set.of(
            "java/io/Serializable",
            "org/drools/base/factmodel/AccessibleFact",
            "org/drools/base/factmodel/GeneratedFact");

    private SafeSubset() {}

    /** Scans classes (internal name, e.g. {@code gatehouse/rules/Rules1A2B}, to class file bytes); findings in class then method order. */
    public static List<Finding> scan(Map<String, byte[]> classes) {
        Set<String> local = classes.keySet();
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(classes).entrySet()) {
            new ClassReader(e.getValue())
                    .accept(new Checker(local, out), ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        return List.copyOf(new LinkedHashSet<>(out));
    }

    /**
     * Which rule or function each generated method belongs to: the executable model builds each rule in a
     * method that calls {@code D.rule(package, name)} and refers to the rule's lambda classes and lambda
     * methods; DRL functions are static methods of their own name. Keys are {@code class} (a whole
     * lambda class) or {@code class.method}.
     */
    public static Map<String, Set<Origin>> origins(Map<String, byte[]> classes, Collection<String> functions) {
        Map<String, Set<Origin>> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : new TreeMap<>(classes).entrySet()) {
            String owner = e.getKey();
            new ClassReader(e.getValue())
                    .accept(
                            new ClassVisitor(Opcodes.ASM9) {
                                @Override
                                public MethodVisitor visitMethod(
                                        int access,
                                        String name,
                                        String descriptor,
                                        String signature,
                                        String[] exceptions) {
                                    if (functions.contains(name) && (access & Opcodes.ACC_STATIC) != 0) {
                                        out.computeIfAbsent(owner + "." + name, k -> new LinkedHashSet<>())
                                                .add(new Origin(null, name));
                                    }
                                    return new MethodVisitor(Opcodes.ASM9) {
                                        final List<String> strings = new ArrayList<>();
                                        final List<String> refs = new ArrayList<>();
                                        String rule;

                                        @Override
                                        public void visitLdcInsn(Object value) {
                                            if (value instanceof String s) {
                                                strings.add(s);
                                            }
                                        }

                                        @Override
                                        public void visitMethodInsn(
                                                int opcode, String o, String n, String d, boolean itf) {
                                            if (rule == null
                                                    && n.equals("rule")
                                                    && d.startsWith("(Ljava/lang/String;Ljava/lang/String;)")
                                                    && strings.size() >= 2) {
                                                rule = strings.get(strings.size() - 1);
                                            }
                                            if (classes.containsKey(o) && !o.equals(owner)) {
                                                refs.add(o);
                                            }
                                        }

                                        @Override
                                        public void visitFieldInsn(int opcode, String o, String n, String d) {
                                            if (classes.containsKey(o) && !o.equals(owner)) {
                                                refs.add(o);
                                            }
                                        }

                                        @Override
                                        public void visitTypeInsn(int opcode, String type) {
                                            if (classes.containsKey(type)) {
                                                refs.add(type);
                                            }
                                        }

                                        @Override
                                        public void visitInvokeDynamicInsn(
                                                String n, String d, Handle bsm, Object... args) {
                                            for (Object a : args) {
                                                if (a instanceof Handle h && classes.containsKey(h.getOwner())) {
                                                    refs.add(
                                                            h.getOwner().equals(owner)
                                                                    ? owner + "." + h.getName()
                                                                    : h.getOwner());
                                                }
                                            }
                                        }

                                        @Override
                                        public void visitEnd() {
                                            if (rule != null) {
                                                Origin o = new Origin(rule, null);
                                                out.computeIfAbsent(owner + "." + name, k -> new LinkedHashSet<>())
                                                        .add(o);
                                                refs.forEach(r -> out.computeIfAbsent(r, k -> new LinkedHashSet<>())
                                                        .add(o));
                                            }
                                        }
                                    };
                                }
                            },
                            ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        }
        return out;
    }

    /** True when a class may be named at all (types, owners of fields). */
    static boolean allowedClass(String internal, Set<String> local) {
        String t = internal;
        while (t.startsWith("[")) {
            t = t.substring(1);
        }
        if (t.startsWith("L") && t.endsWith(";")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.length() == 1 || local.contains(t)) {
            return true; // a primitive array, or a class of this rulebase (scanned as well)
        }
        return (t.startsWith(FACTS) && t.indexOf('/', FACTS.length()) < 0)
                || t.equals("java/lang/Object")
                || DROOLS_DSL.matcher(t).matches()
                || CONSEQUENCE_API.contains(t)
                || JDK.matcher(t).matches();
    }

    /** True when a method or field may be used. */
    static boolean allowedMember(String owner, String name, Set<String> local) {
        String key = owner + "." + name;
        if (DENIED_NAMES.contains(name) || DENIED_MEMBERS.contains(key)) {
            return false;
        }
        if (ALLOWED_MEMBERS.contains(key)) {
            return true;
        }
        if (CONSEQUENCE_API.contains(owner)) {
            return CONSEQUENCE_METHODS.contains(name);
        }
        return !owner.equals("java/lang/Object") && allowedClass(owner, local);
    }

    static String javaName(String internal) {
        return Type.getObjectType(internal).getClassName();
    }

    static String simpleName(String internal) {
        String s = internal.substring(internal.lastIndexOf('/') + 1);
        return s.substring(s.lastIndexOf('$') + 1);
    }

    private static final class Checker extends ClassVisitor {
        private final Set<String> local;
        private final List<Finding> out;
        private String owner;

        Checker(Set<String> local, List<Finding> out) {
            super(Opcodes.ASM9);
            this.local = local;
            this.out = out;
        }

        @Override
        public void visit(
                int version, int access, String name, String signature, String superName, String[] interfaces) {
            owner = name;
            if (superName != null && !allowedClass(superName, local)) {
                type("<class>", "extends", superName);
            }
            for (String i : interfaces == null ? new String[0] : interfaces) {
                if (!allowedClass(i, local) && !DECLARED_TYPE_INTERFACES.contains(i)) {
                    type("<class>", "implements", i);
                }
            }
        }

        private void type(String method, String verb, String internal) {
            String t = internal.replaceAll("^\\[+", "").replaceAll("^L(.*);$", "$1");
            out.add(new Finding(owner, method, verb, javaName(t), simpleName(t)));
        }

        @Override
        public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] exceptions) {
            String method = name;
            return new MethodVisitor(Opcodes.ASM9) {
                boolean finallyBlock;
                boolean monitor;

                @Override
                public void visitEnd() {
                    if (monitor) {
                        out.add(new Finding(owner, method, "uses", "synchronized", "synchronized"));
                    } else if (finallyBlock) { // synchronized compiles to a finally block too: report it once
                        out.add(new Finding(owner, method, "uses", "finally", "finally"));
                    }
                }

                @Override
                public void visitMethodInsn(int opcode, String o, String n, String d, boolean itf) {
                    member(o, n, "calls");
                }

                @Override
                public void visitFieldInsn(int opcode, String o, String n, String d) {
                    member(o, n, "reads");
                }

                @Override
                public void visitTypeInsn(int opcode, String type) {
                    if (opcode != Opcodes.NEW
                            && !allowedClass(type, local)) { // new X: its constructor call is the finding
                        type(method, "uses", type);
                    }
                }

                @Override
                public void visitMultiANewArrayInsn(String descriptor, int dims) {
                    visitTypeInsn(Opcodes.ANEWARRAY, descriptor);
                }

                @Override
                public void visitLdcInsn(Object value) {
                    if (value instanceof Type t
                            && t.getSort() == Type.OBJECT
                            && !allowedClass(t.getInternalName(), local)) {
                        type(method, "uses", t.getInternalName());
                    } else if (value instanceof Handle h) {
                        handle(h);
                    } else if (value instanceof ConstantDynamic c) {
                        out.add(new Finding(owner, method, "uses", "a dynamic constant " + c.getName(), c.getName()));
                    }
                }

                @Override
                public void visitInvokeDynamicInsn(String n, String d, Handle bsm, Object... args) {
                    if (!BOOTSTRAPS.contains(bsm.getOwner())) {
                        out.add(new Finding(owner, method, "calls", javaName(bsm.getOwner()) + "." + bsm.getName(), n));
                        return;
                    }
                    for (Object a : args) {
                        if (a instanceof Handle h) {
                            handle(h);
                        } else if (a instanceof ConstantDynamic c) {
                            out.add(new Finding(
                                    owner, method, "uses", "a dynamic constant " + c.getName(), c.getName()));
                        }
                    }
                }

                @Override
                public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
                    if (type == null) {
                        finallyBlock = true;
                    } else if (!CATCHABLE.matcher(type).matches()) {
                        out.add(new Finding(owner, method, "catches", javaName(type), simpleName(type)));
                    }
                }

                @Override
                public void visitInsn(int opcode) {
                    monitor |= opcode == Opcodes.MONITORENTER;
                }

                private void handle(Handle h) {
                    member(h.getOwner(), h.getName(), "calls");
                }

                private void member(String o, String n, String verb) {
                    if (o.startsWith("[")) {
                        if (!allowedClass(o, local) || (!n.equals("clone") && DENIED_NAMES.contains(n))) {
                            type(method, "uses", o);
                        }
                        return; // arrays: clone() and length only
                    }
                    if (!allowedMember(o, n, local)) {
                        String token = n.equals("<init>") ? simpleName(o) : simpleName(o) + "." + n;
                        String what = n.equals("<init>") ? "new " + javaName(o) : javaName(o) + "." + n;
                        out.add(new Finding(owner, method, verb, what, token));
                    }
                }
            };
        }
    }
}
