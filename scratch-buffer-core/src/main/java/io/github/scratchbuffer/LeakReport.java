package io.github.scratchbuffer;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One scope that ended without being closed.
 *
 * @param managerName the name of the {@link BufferManager} the scope belongs to
 * @param kind how the leak was found
 * @param threadName the thread that opened the scope
 * @param openedAt a throwable whose stack trace is where the scope was opened, or
 * {@code null} if the scope was not tracked (see {@link LeakDetection})
 * @since 0.1.0
 */
public record LeakReport(String managerName, Kind kind, String threadName, @Nullable Throwable openedAt) {

	public LeakReport {
		Objects.requireNonNull(managerName, "'managerName' must not be null");
		Objects.requireNonNull(kind, "'kind' must not be null");
		Objects.requireNonNull(threadName, "'threadName' must not be null");
	}

	/**
	 * A one-line description of the leak.
	 * @return the message
	 */
	public String message() {
		StackTraceElement site = openingSite();
		String where = (site != null) ? "opened at " + site
				: "opening site not recorded (use LeakDetection.PARANOID to record every site)";
		return "Scratch buffer scope of '" + this.managerName + "' on thread '" + this.threadName + "' "
				+ this.kind.description + "; " + where;
	}

	/**
	 * The first frame of {@link #openedAt()} outside this library: the code that opened
	 * the scope.
	 * @return the frame, or {@code null} if no site was recorded
	 */
	public @Nullable StackTraceElement openingSite() {
		if (this.openedAt == null) {
			return null;
		}
		StackTraceElement[] frames = this.openedAt.getStackTrace();
		for (StackTraceElement frame : frames) {
			if (!isLibraryFrame(frame.getClassName())) {
				return frame;
			}
		}
		return (frames.length != 0) ? frames[frames.length - 1] : null;
	}

	private static boolean isLibraryFrame(String className) {
		return className.startsWith("io.github.scratchbuffer.internal.")
				|| className.startsWith(BufferManager.class.getName())
				|| className.startsWith(LeakReporter.class.getName())
				|| className.startsWith(ScopeLifecycle.class.getName())
				|| className.startsWith(ScopedBuffer.class.getName());
	}

	/**
	 * How a leaked scope was found.
	 */
	public enum Kind {

		/** An enclosing scope closed while this one, opened inside it, was still open. */
		UNCLOSED_INNER_SCOPE("was still open when its enclosing scope closed"),

		/** The scope became unreachable without being closed. */
		UNREACHABLE("became unreachable without being closed");

		private final String description;

		Kind(String description) {
			this.description = description;
		}

	}

}
