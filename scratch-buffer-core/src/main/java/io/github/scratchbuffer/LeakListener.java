package io.github.scratchbuffer;

/**
 * Told about every leaked scope a {@link BufferManager} finds. Called on the thread that
 * found the leak, which may be any thread using the manager: keep it quick and never
 * throw.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LeakListener {

	/**
	 * Called once per leaked scope.
	 * @param report what leaked and where it was opened
	 */
	void onLeak(LeakReport report);

	/**
	 * A listener that logs each leak as a warning through {@link System.Logger}, with the
	 * opening site's stack trace when one was recorded.
	 * @return the logging listener
	 */
	static LeakListener logging() {
		System.Logger logger = System.getLogger(BufferManager.class.getName());
		return (report) -> logger.log(System.Logger.Level.WARNING, report.message(), report.openedAt());
	}

}
