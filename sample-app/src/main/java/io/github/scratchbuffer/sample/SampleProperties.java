package io.github.scratchbuffer.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the sample's endpoints.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	/**
	 * Largest request body the digest and gzip endpoints accept.
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(10);

	/**
	 * Most rows the report endpoint renders.
	 */
	private int maxReportRows = 100_000;

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		Assert.isTrue(maxBodySize.toBytes() > 0, () -> "'maxBodySize' must be greater than 0, was " + maxBodySize);
		this.maxBodySize = maxBodySize;
	}

	public int getMaxReportRows() {
		return this.maxReportRows;
	}

	public void setMaxReportRows(int maxReportRows) {
		Assert.isTrue(maxReportRows > 0, () -> "'maxReportRows' must be greater than 0, was " + maxReportRows);
		this.maxReportRows = maxReportRows;
	}

}
