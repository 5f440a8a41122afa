package dev.scanpay.sandbox;

import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "sandbox_fault")
class FaultSetting {

	/** The scope of the faults that apply to every trade without its own. */
	static final String GLOBAL = "*";

	private @Id String scope;
	private @Embedded Faults faults;

	FaultSetting(String scope, Faults faults) {
		this.scope = scope;
		this.faults = faults;
	}

	protected FaultSetting() {
		// for JPA
	}

	String scope() {
		return scope;
	}

	Faults faults() {
		return faults;
	}

	void change(Faults faults) {
		this.faults = faults;
	}
}
